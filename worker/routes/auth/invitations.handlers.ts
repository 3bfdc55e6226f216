import type { RouteHandler } from '@hono/zod-openapi';
import { auditActor, auditStatement, newUserActor } from '../../audit/audit-log';
import { acceptInvitationStatement, findOpenInvitation, insertInvitation, newInvitation } from '../../auth/invitations';
import { hashPassword } from '../../auth/password';
import { canInvite } from '../../auth/permissions';
import { signIn } from '../../auth/sign-in';
import type { AppEnv } from '../../http/app-env';
import { iso } from '../../http/fields';
import { authorize } from '../../http/guards';
import { ProblemError } from '../../http/problem';
import { userJson } from '../../users/user-json';
import { emailTaken, insertUserStatement, isEmailTakenError, userIdByEmail } from '../../users/user-store';
import type { acceptInvitationRoute, createInvitationRoute } from './invitations.routes';

export const createInvitation: RouteHandler<typeof createInvitationRoute, AppEnv> = async (c) => {
  const principal = authorize(c, 'invitation:create');
  const body = c.req.valid('json');
  if (!canInvite(principal.role, body.role)) {
    throw new ProblemError(403, 'forbidden', `The ${principal.role} role may not invite an ${body.role}.`, {
      errors: [{ field: 'role', detail: `is not a role an ${principal.role} may grant` }],
    });
  }
  const db = c.get('db');
  if (await emailTaken(db, body.email)) {
    throw new ProblemError(409, 'email-taken', 'This e-mail already has an account in this tenant.', {
      errors: [{ field: 'email', detail: 'already has an account' }],
    });
  }
  const { token, row } = await newInvitation(body.email, body.role, principal.userId);
  const shown = { id: row.id, email: row.email, role: body.role, expires_at: iso(row.expiresAt) };
  await db.batch([
    insertInvitation(db, row),
    // The audit row names the invitee, never the token.
    auditStatement(db, auditActor(c), { action: 'invitation.create', targetType: 'invitation', targetId: row.id, after: shown }),
  ]);
  return c.json({ ...shown, token }, 201);
};

const invitationGone = () => new ProblemError(404, 'invitation-not-found', 'This invitation was not found or was already used.');

const alreadyMember = () =>
  new ProblemError(409, 'email-taken', 'The invited e-mail already has an account here. Sign in instead.', {
    errors: [{ field: 'token', detail: 'invites an e-mail that already has an account' }],
  });

export const acceptInvitation: RouteHandler<typeof acceptInvitationRoute, AppEnv> = async (c) => {
  const body = c.req.valid('json');
  const db = c.get('db');
  const invitation = await findOpenInvitation(db, body.token);
  if (!invitation) throw invitationGone();
  if (await emailTaken(db, invitation.email)) throw alreadyMember();
  const newUser = { email: invitation.email, name: body.name, role: invitation.role, locale: 'en' as const };
  const self = userIdByEmail(invitation.email);
  let created;
  try {
    // One transaction: the invitation is used up exactly when the account exists.
    // Two acceptances racing both insert the same e-mail; the loser rolls back whole.
    [, [created]] = await db.batch([
      acceptInvitationStatement(db, invitation.id),
      insertUserStatement(db, { ...newUser, passwordHash: await hashPassword(body.password) }),
      auditStatement(db, newUserActor(c, self), {
        action: 'invitation.accept',
        targetType: 'invitation',
        targetId: invitation.id,
        after: { email: newUser.email, name: newUser.name, role: newUser.role },
      }),
    ]);
  } catch (error) {
    if (!isEmailTakenError(error)) throw error;
    throw (await findOpenInvitation(db, body.token)) ? alreadyMember() : invitationGone();
  }
  if (!created) throw new Error('the user insert returned no row');
  await signIn(c, created.id);
  return c.json({ user: userJson(created) }, 201);
};

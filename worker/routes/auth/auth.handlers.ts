import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { auditActor, auditStatement, newUserActor } from '../../audit/audit-log';
import { verifyCredentials } from '../../auth/credentials';
import { checkLoginThrottle, LOGIN_RETRY_AFTER_SECONDS } from '../../auth/login-throttle';
import { hashPassword, verifyPassword } from '../../auth/password';
import { revokeUserAccessStatements } from '../../auth/sessions';
import { signIn, signOut } from '../../auth/sign-in';
import type { AppEnv } from '../../http/app-env';
import { iso } from '../../http/fields';
import { requireUser } from '../../http/guards';
import { invalid, ProblemError } from '../../http/problem';
import { userJson } from '../../users/user-json';
import {
  emailTaken,
  findUserById,
  insertUserStatement,
  isEmailTakenError,
  setPasswordStatement,
  setProfileStatement,
  userIdByEmail,
} from '../../users/user-store';
import type { changePasswordRoute, loginRoute, logoutRoute, meRoute, signupRoute, updateMeRoute } from './auth.routes';

const emailTakenProblem = () =>
  new ProblemError(409, 'email-taken', 'An account with this e-mail already exists. Sign in instead.', {
    errors: [{ field: 'email', detail: 'already has an account' }],
  });

export const signup: RouteHandler<typeof signupRoute, AppEnv> = async (c) => {
  const body = c.req.valid('json');
  const db = c.get('db');
  if (await emailTaken(db, body.email)) throw emailTakenProblem();
  const newUser = { email: body.email, name: body.name, role: 'customer' as const, locale: body.locale ?? 'en' };
  const self = userIdByEmail(body.email);
  let created;
  try {
    [[created]] = await db.batch([
      insertUserStatement(db, { ...newUser, passwordHash: await hashPassword(body.password) }),
      auditStatement(db, newUserActor(c, self), { action: 'user.signup', targetType: 'user', targetId: self, after: newUser }),
    ]);
  } catch (error) {
    if (isEmailTakenError(error)) throw emailTakenProblem();
    throw error;
  }
  if (!created) throw new Error('the user insert returned no row');
  await signIn(c, created.id);
  return c.json({ user: userJson(created) }, 201);
};

/** Password guesses, at login or when changing it, are throttled before anything is verified. */
async function throttlePasswordGuess(c: Context<AppEnv>, email: string): Promise<void> {
  const verdict = await checkLoginThrottle(c.env, {
    tenantId: c.get('tenant').id,
    ip: c.req.header('cf-connecting-ip') ?? null,
    email,
  });
  if (!verdict.ok) {
    throw new ProblemError(
      429,
      'too-many-login-attempts',
      'Too many password attempts. Wait a minute, then try again.',
      {},
      { 'retry-after': String(LOGIN_RETRY_AFTER_SECONDS) },
    );
  }
}

export const login: RouteHandler<typeof loginRoute, AppEnv> = async (c) => {
  const body = c.req.valid('json');
  await throttlePasswordGuess(c, body.email);
  const user = await verifyCredentials(c.get('db'), body.email, body.password);
  if (!user) throw new ProblemError(401, 'invalid-credentials', 'The e-mail or the password is wrong.');
  const session = await signIn(c, user.id);
  return c.json({ user: userJson(user), session: { id: session.id, expires_at: iso(session.expiresAt) } }, 200);
};

export const logout: RouteHandler<typeof logoutRoute, AppEnv> = async (c) => {
  await signOut(c);
  return c.body(null, 204);
};

export const me: RouteHandler<typeof meRoute, AppEnv> = async (c) => {
  const principal = requireUser(c);
  const user = await findUserById(c.get('db'), principal.userId);
  if (!user) throw new ProblemError(401, 'unauthenticated', 'Sign in, or send a valid bearer token.');
  return c.json({ user: userJson(user) }, 200);
};

export const updateMe: RouteHandler<typeof updateMeRoute, AppEnv> = async (c) => {
  const principal = requireUser(c);
  const body = c.req.valid('json');
  const db = c.get('db');
  const before = await findUserById(db, principal.userId);
  if (!before) throw new ProblemError(401, 'unauthenticated', 'Sign in, or send a valid bearer token.');
  const [[user]] = await db.batch([
    setProfileStatement(db, before.id, body),
    auditStatement(db, auditActor(c), {
      action: 'user.profile_change',
      targetType: 'user',
      targetId: before.id,
      before: { name: before.name, locale: before.locale },
      after: body,
    }),
  ]);
  if (!user) throw new ProblemError(401, 'unauthenticated', 'Sign in, or send a valid bearer token.');
  return c.json({ user: userJson(user) }, 200);
};

export const changePassword: RouteHandler<typeof changePasswordRoute, AppEnv> = async (c) => {
  const principal = requireUser(c);
  const body = c.req.valid('json');
  const db = c.get('db');
  await throttlePasswordGuess(c, principal.email);
  const user = await findUserById(db, principal.userId);
  if (!user?.passwordHash || !(await verifyPassword(body.current_password, user.passwordHash))) {
    throw invalid([{ field: 'current_password', detail: 'is not your current password' }], 'The current password is wrong.');
  }
  await db.batch([
    setPasswordStatement(db, user.id, await hashPassword(body.new_password)),
    ...revokeUserAccessStatements(db, user.id, { except: principal.sessionId }),
    auditStatement(db, auditActor(c), { action: 'user.password_change', targetType: 'user', targetId: user.id }),
  ]);
  return c.body(null, 204);
};

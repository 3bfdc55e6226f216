import { createRoute, z } from '@hono/zod-openapi';
import { email, password, text } from '../../http/fields';
import { commonErrors, problemContent } from '../../http/openapi-schemas';
import { setsSessionCookie, UserEnvelope } from './auth.routes';

// Staff join a tenant by a one-time invitation token (a new tenant's owner too).

const INVITABLE_ROLES = ['owner', 'admin', 'agent'] as const;

const CreateInvitationBody = z
  .strictObject({
    email,
    role: z.enum(INVITABLE_ROLES, { message: 'must be one of owner, admin, agent' }),
  })
  .openapi('CreateInvitation');

const CreatedInvitation = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(INVITABLE_ROLES),
    token: z.string().openapi({ description: 'The one-time token to pass to the invitee: shown this once' }),
    expires_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('CreatedInvitation');

const AcceptInvitationBody = z
  .strictObject({
    token: text({ max: 200 }),
    name: text({ max: 200 }),
    password,
  })
  .openapi('AcceptInvitation');

export const createInvitationRoute = createRoute({
  method: 'post',
  path: '/invitations',
  tags: ['Invitations'],
  summary: 'Invite a staff member by e-mail',
  description:
    'Admins invite agents; owners invite any staff role. Not idempotent by `Idempotency-Key`: replaying would mean storing the token.',
  request: { body: { required: true, content: { 'application/json': { schema: CreateInvitationBody } } } },
  responses: {
    201: { description: 'Invited', content: { 'application/json': { schema: CreatedInvitation } } },
    401: commonErrors[401],
    403: { description: 'Role not allowed, or may not grant this role', content: problemContent },
    409: { description: 'The e-mail already has an account', content: problemContent },
    422: commonErrors[422],
  },
});

export const acceptInvitationRoute = createRoute({
  method: 'post',
  path: '/invitations/accept',
  tags: ['Invitations'],
  summary: 'Accept an invitation: creates the account and signs it in',
  security: [],
  request: { body: { required: true, content: { 'application/json': { schema: AcceptInvitationBody } } } },
  responses: {
    201: { description: 'Joined and signed in', headers: setsSessionCookie, content: { 'application/json': { schema: UserEnvelope } } },
    404: { description: 'No open invitation has this token (unknown, used or expired)', content: problemContent },
    409: { description: 'The invited e-mail already has an account', content: problemContent },
    422: commonErrors[422],
  },
});

import { createRoute, z } from '@hono/zod-openapi';
import { users } from '../../db/tenant/users';
import { email, password, text } from '../../http/fields';
import { commonErrors, problemContent } from '../../http/openapi-schemas';
import { UserSchema } from '../../users/user-json';
import { anonymousWriteLimit, anonymousWriteLimited } from '../../http/anonymous-writes';

// Signing up, in and out, and the signed-in user's own account.

export const UserEnvelope = z.object({ user: UserSchema }).openapi('UserEnvelope');

/** Responses that start a browser session say so in their headers. */
export const setsSessionCookie = z.object({
  'Set-Cookie': z.string().openapi({
    description: '`wnp_session=<token>; Path=/; HttpOnly; SameSite=Lax; Max-Age=…` (plus `Secure` over https)',
  }),
});

const SignupBody = z
  .strictObject({
    email,
    name: text({ max: 200 }),
    password,
    locale: z.enum(users.locale.enumValues).optional(),
  })
  .openapi('Signup');

const LoginBody = z.strictObject({ email, password }).openapi('Login');

const LoginResult = z
  .object({
    user: UserSchema,
    session: z.object({ id: z.string(), expires_at: z.string().openapi({ format: 'date-time' }) }),
  })
  .openapi('LoginResult');

const ProfileChangeBody = z
  .strictObject({
    name: text({ max: 200 }).optional(),
    locale: z.enum(users.locale.enumValues).optional().openapi({ description: 'The language the web app speaks to this user' }),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' })
  .openapi('ProfileChange');

const PasswordChangeBody = z.strictObject({ current_password: password, new_password: password }).openapi('PasswordChange');

export const signupRoute = createRoute({
  method: 'post',
  path: '/auth/signup',
  tags: ['Auth'],
  summary: 'Sign up as a customer of this tenant, and sign in',
  description: 'Limited per client address (429 with `Retry-After`).',
  security: [],
  middleware: [anonymousWriteLimit] as const,
  request: { body: { required: true, content: { 'application/json': { schema: SignupBody } } } },
  responses: {
    201: { description: 'Signed up and signed in', headers: setsSessionCookie, content: { 'application/json': { schema: UserEnvelope } } },
    409: { description: 'The e-mail already has an account', content: problemContent },
    422: commonErrors[422],
    429: anonymousWriteLimited,
  },
});

export const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['Auth'],
  summary: 'Sign in with e-mail and password',
  description:
    'An unknown e-mail, a wrong password and a deactivated account get the same 401. Attempts are limited per client address and per account (429 with `Retry-After`).',
  security: [],
  request: { body: { required: true, content: { 'application/json': { schema: LoginBody } } } },
  responses: {
    200: { description: 'Signed in', headers: setsSessionCookie, content: { 'application/json': { schema: LoginResult } } },
    401: { description: 'Wrong e-mail or password', content: problemContent },
    422: commonErrors[422],
    429: {
      description: 'Too many attempts',
      headers: z.object({ 'Retry-After': z.string().openapi({ description: 'Seconds to wait' }) }),
      content: problemContent,
    },
  },
});

export const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['Auth'],
  summary: 'Sign out: ends this session and clears the cookie',
  description: 'Succeeds when already signed out, so a browser can always clear a stale cookie.',
  responses: {
    204: { description: 'Signed out', headers: setsSessionCookie },
  },
});

export const meRoute = createRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['Auth'],
  summary: 'The signed-in user',
  responses: {
    200: { description: 'The caller', content: { 'application/json': { schema: UserEnvelope } } },
    401: commonErrors[401],
  },
});

export const updateMeRoute = createRoute({
  method: 'patch',
  path: '/auth/me',
  tags: ['Auth'],
  summary: 'Change your own name or language',
  request: { body: { required: true, content: { 'application/json': { schema: ProfileChangeBody } } } },
  responses: {
    200: { description: 'The caller as they are now', content: { 'application/json': { schema: UserEnvelope } } },
    401: commonErrors[401],
    422: commonErrors[422],
  },
});

export const changePasswordRoute = createRoute({
  method: 'post',
  path: '/auth/password',
  tags: ['Auth'],
  summary: 'Change the password; every other session of the user ends',
  request: { body: { required: true, content: { 'application/json': { schema: PasswordChangeBody } } } },
  responses: {
    204: { description: 'Changed' },
    401: commonErrors[401],
    422: { description: 'Invalid body, or `current_password` is wrong', content: problemContent },
    429: { description: 'Too many password attempts (shared with login)', content: problemContent },
  },
});

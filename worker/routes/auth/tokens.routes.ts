import { createRoute, z } from '@hono/zod-openapi';
import { text } from '../../http/fields';
import { commonErrors, dateTime } from '../../http/openapi-schemas';
import { opaqueIdParam } from './sessions.routes';

// The signed-in user's own API tokens (`Authorization: Bearer wnp_…`).

const ApiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    created_at: dateTime,
    last_used_at: dateTime.nullable(),
    expires_at: dateTime.nullable(),
    revoked_at: dateTime.nullable(),
  })
  .openapi('ApiToken');

const CreateApiTokenBody = z
  .strictObject({
    name: text({ max: 100 }),
    expires_in_days: z
      .number({ message: 'must be a whole number of days from 1 to 3650' })
      .int('must be a whole number of days from 1 to 3650')
      .min(1, 'must be a whole number of days from 1 to 3650')
      .max(3650, 'must be a whole number of days from 1 to 3650')
      .optional()
      .openapi({ description: 'Omit for a token that does not expire' }),
  })
  .openapi('CreateApiToken');

const CreatedApiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    token: z.string().openapi({ description: 'The secret `wnp_<id>.<secret>`: shown this once, never again' }),
    created_at: dateTime,
    expires_at: dateTime.nullable(),
  })
  .openapi('CreatedApiToken');

export const listTokensRoute = createRoute({
  method: 'get',
  path: '/auth/tokens',
  tags: ['API tokens'],
  summary: 'My API tokens (never their secrets), newest first',
  responses: {
    200: { description: 'Tokens', content: { 'application/json': { schema: z.object({ items: z.array(ApiTokenSchema) }) } } },
    401: commonErrors[401],
    403: commonErrors[403],
  },
});

export const createTokenRoute = createRoute({
  method: 'post',
  path: '/auth/tokens',
  tags: ['API tokens'],
  summary: 'Create an API token; the response is the only time its secret is shown',
  description: 'Not idempotent by `Idempotency-Key`: replaying would mean storing the secret.',
  request: { body: { required: true, content: { 'application/json': { schema: CreateApiTokenBody } } } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: CreatedApiToken } } },
    401: commonErrors[401],
    403: commonErrors[403],
    422: commonErrors[422],
  },
});

export const revokeTokenRoute = createRoute({
  method: 'delete',
  path: '/auth/tokens/{id}',
  tags: ['API tokens'],
  summary: 'Revoke one of my API tokens: it stops working at once',
  request: { params: z.object({ id: opaqueIdParam }) },
  responses: {
    204: { description: 'Revoked (or already was)' },
    400: commonErrors[400],
    401: commonErrors[401],
    403: commonErrors[403],
    404: { description: 'Not a token of mine', content: commonErrors[404].content },
  },
});

import { createRoute, z } from '@hono/zod-openapi';
import { commonErrors } from '../../http/openapi-schemas';

// The signed-in user's own sessions: where they are signed in, and ending one.

const SessionSchema = z
  .object({
    id: z.string(),
    created_at: z.string().openapi({ format: 'date-time' }),
    last_used_at: z.string().openapi({ format: 'date-time' }),
    expires_at: z.string().openapi({ format: 'date-time' }),
    user_agent: z.string().nullable(),
    ip: z.string().nullable(),
    current: z.boolean().openapi({ description: 'The session this request was made with' }),
  })
  .openapi('Session');

/** Session and API-token ids are random base32. */
export const opaqueIdParam = z
  .string()
  .regex(/^[a-z2-7]{1,64}$/, 'must be an id from the list')
  .openapi({ param: { name: 'id', in: 'path' } });

export const listSessionsRoute = createRoute({
  method: 'get',
  path: '/auth/sessions',
  tags: ['Sessions'],
  summary: 'My live sessions, newest first',
  responses: {
    200: { description: 'Sessions', content: { 'application/json': { schema: z.object({ items: z.array(SessionSchema) }) } } },
    401: commonErrors[401],
    403: commonErrors[403],
  },
});

export const revokeSessionRoute = createRoute({
  method: 'delete',
  path: '/auth/sessions/{id}',
  tags: ['Sessions'],
  summary: 'End one of my sessions (signs that device out)',
  request: { params: z.object({ id: opaqueIdParam }) },
  responses: {
    204: { description: 'Ended' },
    400: commonErrors[400],
    401: commonErrors[401],
    403: commonErrors[403],
    404: { description: 'Not a live session of mine', content: commonErrors[404].content },
  },
});

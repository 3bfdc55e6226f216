import { createRoute, z } from '@hono/zod-openapi';
import { cursorParam, idPosition } from '../../http/cursor';
import { idParam, instantParam, limitParam, text } from '../../http/fields';
import { commonErrors, dateTime } from '../../http/openapi-schemas';

// The tenant's audit log, for admins: who changed what, when, from which request.

const AuditLogSchema = z
  .object({
    id: z.number().int(),
    actor_id: z.number().int().nullable(),
    actor_type: z.enum(['user', 'operator', 'system']),
    action: z.string().openapi({ example: 'user.role_change' }),
    target_type: z.string().openapi({ example: 'user' }),
    target_id: z.string(),
    before: z.unknown().openapi({ description: 'The changed fields before (JSON), or null' }),
    after: z.unknown().openapi({ description: 'The changed fields after (JSON), or null' }),
    request_id: z.string(),
    ip: z.string().nullable(),
    created_at: dateTime,
  })
  .openapi('AuditLog');

const AuditLogQuery = z.object({
  action: text({ max: 100 }).optional().openapi({ example: 'user.deactivate' }),
  actor_id: idParam.optional(),
  target_type: text({ max: 100 }).optional(),
  target_id: text({ max: 200 }).optional(),
  since: instantParam.optional().openapi({ type: 'string', format: 'date-time', description: 'Inclusive' }),
  until: instantParam.optional().openapi({ type: 'string', format: 'date-time', description: 'Inclusive' }),
  limit: limitParam,
  cursor: cursorParam(idPosition).optional(),
});

export const listAuditLogsRoute = createRoute({
  method: 'get',
  path: '/audit-logs',
  tags: ['Audit log'],
  summary: 'The audit log, newest first, with filters',
  request: { query: AuditLogQuery },
  responses: {
    200: {
      description: 'A page of audit entries',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(AuditLogSchema), next_cursor: z.string().nullable() }).openapi('AuditLogPage'),
        },
      },
    },
    400: commonErrors[400],
    401: commonErrors[401],
    403: commonErrors[403],
  },
});

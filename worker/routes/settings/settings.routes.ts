import { createRoute, z } from '@hono/zod-openapi';
import { commonErrors } from '../../http/openapi-schemas';
import { DEFAULT_RETENTION, RETENTION_BOUNDS } from '../../housekeeping/retention';
import { SOME_FIELD } from '../tickets/tickets.schemas';

// Tenant settings (admins and owners). Retention: how long the hourly
// housekeeping keeps the audit log and delivered notifications.

const days = (bounds: { min: number; max: number }, fallback: number, what: string) =>
  z
    .number({ message: `must be a whole number of days from ${bounds.min} to ${bounds.max}` })
    .int(`must be a whole number of days from ${bounds.min} to ${bounds.max}`)
    .min(bounds.min, `must be at least ${bounds.min} days`)
    .max(bounds.max, `must be at most ${bounds.max} days`)
    .openapi({ description: `${what}, in days (${bounds.min}–${bounds.max}; default ${fallback})`, example: fallback });

const auditLogDays = days(RETENTION_BOUNDS.auditLogDays, DEFAULT_RETENTION.auditLogDays, 'Audit log entries older than this are deleted');
const notificationDays = days(
  RETENTION_BOUNDS.notificationDays,
  DEFAULT_RETENTION.notificationDays,
  'Sent and given-up notifications older than this are deleted',
);

export const RetentionSchema = z
  .object({
    audit_log_days: auditLogDays,
    notification_days: notificationDays,
    updated_at: z.string().nullable().openapi({ format: 'date-time', description: 'Last change; null while the defaults apply' }),
  })
  .openapi('RetentionSettings');

const UpdateRetentionBody = z
  .strictObject({ audit_log_days: auditLogDays.optional(), notification_days: notificationDays.optional() })
  .refine(...SOME_FIELD)
  .openapi('UpdateRetentionSettings');

const retentionContent = { 'application/json': { schema: RetentionSchema } };

export const getRetentionRoute = createRoute({
  method: 'get',
  path: '/settings/retention',
  tags: ['Settings'],
  summary: 'How long the audit log and notifications are kept (admins and owners)',
  description: 'Expired sessions and idempotency keys older than a day are always purged; these two are the tenant’s choice.',
  responses: { 200: { description: 'The retention settings', content: retentionContent }, 401: commonErrors[401], 403: commonErrors[403] },
});

export const updateRetentionRoute = createRoute({
  method: 'patch',
  path: '/settings/retention',
  tags: ['Settings'],
  summary: 'Change how long the audit log and notifications are kept (admins and owners; audited)',
  description: 'Takes effect at the next hourly housekeeping run.',
  request: { body: { required: true, content: { 'application/json': { schema: UpdateRetentionBody } } } },
  responses: {
    200: { description: 'The retention settings as they are now', content: retentionContent },
    401: commonErrors[401],
    403: commonErrors[403],
    422: commonErrors[422],
  },
});

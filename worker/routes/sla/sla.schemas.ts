import { z } from '@hono/zod-openapi';
import { SLA_METRICS, type SlaCalendarRow, type SlaPolicyRow } from '../../db/tenant/sla';
import { TICKET_PRIORITIES, TICKET_TYPES } from '../../db/tenant/tickets';
import { idParam, iso, text } from '../../http/fields';
import { slaCalendarSchema } from '../../sla/sla-calendar';
import { tagName } from '../../tickets/tag-name';

// Request and response shapes of the SLA admin API. The calendar body is the
// clock's own calendar schema (kind "business"), so what the API accepts is
// exactly what the clock can count on.

const dateTime = z.string().openapi({ format: 'date-time' });
const positiveId = z.number().int('must be an integer').positive('must be a positive id').max(Number.MAX_SAFE_INTEGER, 'is too large');
const name = text({ max: 100 });

export const SlaIdParams = z.object({ id: idParam.openapi({ param: { name: 'id', in: 'path' }, type: 'integer', example: 1 }) });

const businessHours = slaCalendarSchema.options[1];

export const CalendarBody = businessHours
  .omit({ kind: true })
  .extend({ name })
  .openapi('SlaCalendarInput', {
    example: { name: 'Moscow office', time_zone: 'Europe/Moscow', week: { '1': [{ start: '09:00', end: '18:00' }] }, holidays: ['2027-01-01'] },
  });

export const CalendarSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    time_zone: z.string(),
    week: z.record(z.string(), z.array(z.object({ start: z.string(), end: z.string() }))),
    holidays: z.array(z.string()),
    created_at: dateTime,
    updated_at: dateTime,
  })
  .openapi('SlaCalendarDefinition');

export const calendarJson = (c: SlaCalendarRow): z.infer<typeof CalendarSchema> => ({
  id: c.id,
  name: c.name,
  time_zone: c.definition.time_zone,
  week: c.definition.week as Record<string, { start: string; end: string }[]>,
  holidays: c.definition.holidays,
  created_at: iso(c.createdAt),
  updated_at: iso(c.updatedAt),
});

const distinct = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .min(1, 'must list at least one value (leave the condition out to match all)')
    .max(max, `must list at most ${max} values`)
    .refine((values) => new Set(values).size === values.length, 'must not repeat a value');

const Conditions = z
  .strictObject({
    priorities: distinct(z.enum(TICKET_PRIORITIES), 4).optional(),
    types: distinct(z.enum(TICKET_TYPES), 4).optional(),
    groups: distinct(text({ max: 100 }), 50).optional(),
    tags: distinct(tagName, 50).optional(),
    requester_ids: distinct(positiveId, 100).optional(),
  })
  .openapi('SlaConditions', { description: 'Every listed field must match one of its values; an empty object matches every ticket' });

const minutes = z
  .number()
  .int('must be a whole number of minutes')
  .min(1, 'must be at least 1 minute')
  .max(525_600, 'must be at most 525600 minutes (a year)');

const Targets = z
  .strictObject(Object.fromEntries(SLA_METRICS.map((m) => [m, minutes.optional()])) as Record<(typeof SLA_METRICS)[number], z.ZodOptional<typeof minutes>>)
  .refine((t) => Object.values(t).some((v) => v !== undefined), 'must set at least one of first_response, next_response, resolution')
  .openapi('SlaTargets', { description: 'Minutes of business time (or of round-the-clock time without a calendar)' });

const Escalation = z
  .strictObject({
    raise_priority: z.enum(TICKET_PRIORITIES).optional().openapi({ description: 'On breach, raise the priority to at least this' }),
    assign_group: text({ max: 100 }).optional().openapi({ description: 'On breach, move the ticket to this group' }),
    assign_user_id: positiveId.optional().openapi({ description: 'On breach, assign the ticket to this staff member' }),
    notify_user_ids: distinct(positiveId, 50)
      .optional()
      .openapi({ description: 'Staff told of warnings and breaches (besides the assignee)' }),
  })
  .openapi('SlaEscalation');

export const PolicyBody = z
  .strictObject({
    name,
    conditions: Conditions.default({}),
    targets: Targets,
    calendar_id: positiveId.nullable().default(null).openapi({ description: 'A business-hours calendar; null counts round the clock' }),
    warning_percent: z
      .number()
      .int('must be a whole per cent')
      .min(1, 'must be from 1 to 99')
      .max(99, 'must be from 1 to 99 (a warning at or past the target would come too late)')
      .default(80),
    escalation: Escalation.default({}),
  })
  .openapi('SlaPolicyInput');

export type PolicyBody = z.infer<typeof PolicyBody>;

export const PolicySchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    position: z.number().int().openapi({ description: 'Policies are tried in position order; the first match applies' }),
    conditions: Conditions,
    targets: z.object({ first_response: z.number().int().optional(), next_response: z.number().int().optional(), resolution: z.number().int().optional() }),
    calendar_id: z.number().int().nullable(),
    warning_percent: z.number().int(),
    escalation: z.object({
      raise_priority: z.enum(TICKET_PRIORITIES).optional(),
      assign_group: z.string().optional(),
      assign_user_id: z.number().int().optional(),
      notify_user_ids: z.array(z.number().int()),
    }),
    created_at: dateTime,
    updated_at: dateTime,
  })
  .openapi('SlaPolicy');

export const policyJson = (p: SlaPolicyRow): z.infer<typeof PolicySchema> => ({
  id: p.id,
  name: p.name,
  position: p.position,
  conditions: p.conditions,
  targets: p.targets,
  calendar_id: p.calendarId,
  warning_percent: p.warningPercent,
  escalation: p.escalation,
  created_at: iso(p.createdAt),
  updated_at: iso(p.updatedAt),
});

export const ReorderBody = z
  .strictObject({
    ids: z
      .array(positiveId)
      .min(1, 'must list the policies')
      .max(200, 'must list at most 200 policies')
      .refine((ids) => new Set(ids).size === ids.length, 'must not repeat an id'),
  })
  .openapi('SlaPolicyOrder');

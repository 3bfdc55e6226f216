import { createRoute, z } from '@hono/zod-openapi';
import { SLA_METRICS } from '../../db/tenant/sla';
import { cursorParam, idPosition } from '../../http/cursor';
import { limitParam } from '../../http/fields';
import { commonErrors } from '../../http/openapi-schemas';
import { TICKET_EVENT_FIELDS, TICKET_EVENT_KINDS } from '../../tickets/ticket-events';
import { TicketIdParams } from './tickets.schemas';

// A ticket's system events for the agents' timeline. Customers never see them:
// they may name internal groups, assignees and SLA escalations.

const person = z.object({ id: z.number().int(), name: z.string() });

const TicketEventSchema = z
  .object({
    id: z.number().int().openapi({ description: 'Ascending in the order the events happened' }),
    kind: z.enum(TICKET_EVENT_KINDS),
    actor: person.nullable().openapi({ description: 'Who made the change; null: the system (the SLA sweep)' }),
    changes: z.array(
      z.object({
        field: z.enum(TICKET_EVENT_FIELDS),
        from: z.string().nullable(),
        to: z.string().nullable(),
      }),
    ).openapi({ description: 'The fields that moved. For `assignee` the values are the people\u2019s names; null: unassigned or no group.' }),
    sla_metric: z.enum(SLA_METRICS).nullable().openapi({ description: 'The SLA target an `sla_warning` or `sla_breach` is about' }),
    created_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('TicketEvent');

export const listTicketEventsRoute = createRoute({
  method: 'get',
  path: '/tickets/{id}/events',
  tags: ['Tickets'],
  summary: 'System events of a ticket, oldest first (staff)',
  description: 'Status, priority, type, group and assignee changes, SLA warnings and breaches (with the escalation a breach made).',
  request: {
    params: TicketIdParams,
    query: z.strictObject({ limit: limitParam.openapi({ type: 'integer' }), cursor: cursorParam(idPosition).optional() }),
  },
  responses: {
    200: {
      description: 'A page of events',
      content: { 'application/json': { schema: z.object({ items: z.array(TicketEventSchema), next_cursor: z.string().nullable() }).openapi('TicketEventPage') } },
    },
    400: commonErrors[400],
    401: commonErrors[401],
    403: commonErrors[403],
    404: commonErrors[404],
  },
});

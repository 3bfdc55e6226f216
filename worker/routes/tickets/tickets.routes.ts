import { createRoute, z } from '@hono/zod-openapi';
import { TICKET_STATUSES } from '../../db/tenant/tickets';
import { idempotent } from '../../http/idempotency';
import { commonErrors, problemContent, ProblemSchema } from '../../http/openapi-schemas';
import { SlaTargetSchema } from '../../sla/sla-ticket-view';
import { CommentSchema, TicketSchema } from '../../tickets/ticket-json';
import { BulkUpdateBody, CreateTicketBody, TicketIdParams, TicketListQuery, UpdateTicketBody } from './tickets.schemas';

// The ticket routes as OpenAPI declares them.

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

const idempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .openapi({ description: 'Retry safely: the same key and body give the same answer, and create once' }),
});

const TransitionProblem = ProblemSchema.extend({
  allowed: z.array(z.enum(TICKET_STATUSES)).openapi({ description: 'The statuses the ticket may move to' }),
}).openapi('TransitionProblem');

const changedMeanwhile = 'The ticket changed while this request ran (reload it and retry), or the status move is not allowed';

export const TicketWithComments = TicketSchema.extend({
  comments: z.array(CommentSchema).openapi({ description: 'The first 100 comments, oldest first; customers get public ones only' }),
  comments_next_cursor: z.string().nullable().openapi({ description: 'Continue with GET /tickets/{id}/comments?cursor=…' }),
  sla: z.array(SlaTargetSchema).openapi({ description: 'The SLA targets (first_response, next_response, resolution) for staff; empty for customers' }),
}).openapi('TicketWithComments');

export const createTicketRoute = createRoute({
  method: 'post',
  path: '/tickets',
  tags: ['Tickets'],
  summary: 'Open a ticket: a customer for themselves, staff on behalf of anyone',
  description:
    'Customers may not set `requester_id`, `assignee_id`, `group`, `tags` or `custom_fields` (403 naming the field). ' +
    'The channel is `web` for browser sessions and `api` for bearer tokens.',
  middleware: [idempotent] as const,
  request: { headers: idempotencyHeader, body: { required: true, content: json(CreateTicketBody) } },
  responses: {
    201: { description: 'Created', content: json(TicketSchema) },
    ...commonErrors,
    409: { description: 'A request with this Idempotency-Key is still running', content: problemContent },
  },
});

export const getTicketRoute = createRoute({
  method: 'get',
  path: '/tickets/{id}',
  tags: ['Tickets'],
  summary: 'A ticket with its comments',
  description: 'Customers see only tickets they requested (others are 404) and only public comments.',
  request: { params: TicketIdParams },
  responses: { 200: { description: 'The ticket', content: json(TicketWithComments) }, ...commonErrors },
});

export const updateTicketRoute = createRoute({
  method: 'patch',
  path: '/tickets/{id}',
  tags: ['Tickets'],
  summary: 'Edit a ticket (staff): fields, tags, custom fields, status',
  description:
    'Status moves follow the transition table: new→open|pending|on_hold|solved, open→pending|on_hold|solved, ' +
    'pending→open|on_hold|solved, on_hold→open|pending|solved, solved→open|closed; closed is final. ' +
    'An illegal move is a 409 listing `allowed`. `tags` and `custom_fields` replace the whole value.',
  request: { params: TicketIdParams, body: { required: true, content: json(UpdateTicketBody) } },
  responses: {
    200: { description: 'The ticket as it is now', content: json(TicketSchema) },
    ...commonErrors,
    409: { description: changedMeanwhile, content: { 'application/problem+json': { schema: TransitionProblem } } },
  },
});

export const listTicketsRoute = createRoute({
  method: 'get',
  path: '/tickets',
  tags: ['Tickets'],
  summary: 'List tickets with filters, a sort and keyset pages',
  description:
    'Customers see only tickets they requested. Follow `next_cursor` with the same sort and order; tickets created ' +
    'after the first page was read do not appear on later pages (start again to see them).',
  request: { query: TicketListQuery },
  responses: {
    200: {
      description: 'One page',
      content: json(z.object({ items: z.array(TicketSchema), next_cursor: z.string().nullable() }).openapi('TicketPage')),
    },
    ...commonErrors,
  },
});

const BulkProblem = ProblemSchema.extend({
  missing: z.array(z.number().int()).optional().openapi({ description: '404: the ids not found' }),
  conflicts: z
    .array(z.object({ id: z.number().int(), status: z.enum(TICKET_STATUSES), allowed: z.array(z.enum(TICKET_STATUSES)) }))
    .optional()
    .openapi({ description: '409: the tickets whose status may not move, with where they may go' }),
}).openapi('BulkProblem');

export const bulkUpdateRoute = createRoute({
  method: 'post',
  path: '/tickets/bulk',
  tags: ['Tickets'],
  summary: 'Edit up to 100 tickets at once (staff), all or nothing',
  description: 'Any missing ticket (404, `missing`) or illegal status move (409, `conflicts`) changes nothing.',
  request: { body: { required: true, content: json(BulkUpdateBody) } },
  responses: {
    200: { description: 'The tickets as they are now, in the order asked', content: json(z.object({ items: z.array(TicketSchema) })) },
    ...commonErrors,
    404: { description: 'Some tickets do not exist', content: { 'application/problem+json': { schema: BulkProblem } } },
    409: { description: changedMeanwhile, content: { 'application/problem+json': { schema: BulkProblem } } },
  },
});

import { createRoute, z } from '@hono/zod-openapi';
import { COMMENT_CHANNELS } from '../../db/tenant/tickets';
import { cursorParam, idPosition } from '../../http/cursor';
import { idempotent } from '../../http/idempotency';
import { limitParam } from '../../http/fields';
import { commonErrors, problemContent } from '../../http/openapi-schemas';
import { CommentSchema } from '../../tickets/ticket-json';
import { CommentBody, TicketIdParams } from './tickets.schemas';

// Replies and internal notes on a ticket.

export const createCommentRoute = createRoute({
  method: 'post',
  path: '/tickets/{id}/comments',
  tags: ['Comments'],
  summary: 'Reply publicly or add an internal note',
  description:
    'Customers may only reply publicly on their own tickets. A customer reply reopens a pending or solved ticket; ' +
    'the first public staff reply opens a new one. Closed tickets take no comments (409).',
  middleware: [idempotent] as const,
  request: {
    params: TicketIdParams,
    headers: z.object({ 'idempotency-key': z.string().optional() }),
    body: { required: true, content: { 'application/json': { schema: CommentBody } } },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: CommentSchema } } },
    ...commonErrors,
    409: { description: 'The ticket is closed, or changed while the comment was being added', content: problemContent },
  },
});

export const listCommentsRoute = createRoute({
  method: 'get',
  path: '/tickets/{id}/comments',
  tags: ['Comments'],
  summary: 'Comments of a ticket, oldest first',
  description:
    'Customers get public replies only. `channel=chat` lists the live chat\'s messages: the chat room sends the latest 100 ' +
    'on joining, and this pages through all of them.',
  request: {
    params: TicketIdParams,
    query: z.strictObject({
      limit: limitParam.openapi({ type: 'integer' }),
      cursor: cursorParam(idPosition).optional(),
      channel: z.enum(COMMENT_CHANNELS, { message: `must be one of ${COMMENT_CHANNELS.join(', ')}` }).optional().openapi({ description: 'Only comments that came in through this channel' }),
    }),
  },
  responses: {
    200: {
      description: 'One page',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(CommentSchema), next_cursor: z.string().nullable() }).openapi('CommentPage'),
        },
      },
    },
    ...commonErrors,
  },
});

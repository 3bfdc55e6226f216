import { createRoute, z } from '@hono/zod-openapi';
import { TICKET_STATUSES } from '../../db/tenant/tickets';
import { idempotent } from '../../http/idempotency';
import { commonErrors, problemContent } from '../../http/openapi-schemas';
import { CommentSchema } from '../../tickets/ticket-json';
import { TicketIdParams } from './tickets.schemas';

// Sending the agents' co-edited drafts (the TicketRoom's `reply` and `note`) as
// comments, exactly once. The text is not in the request: the room renders it.

export const SendDraftBody = z
  .strictObject({
    status: z.enum(TICKET_STATUSES).optional().openapi({ description: 'Move the ticket to this status with the comment (the transition table applies)' }),
  })
  .openapi('SendDraft');

const responses = (what: string) =>
  ({
    201: { description: `The ${what}, written once`, content: { 'application/json': { schema: CommentSchema } } },
    ...commonErrors,
    409: {
      description:
        'Someone else sent this draft at the same moment (`already-sent`, with `comment_id` of the comment that was written); ' +
        'a send is still settling (`send-in-progress`); the ticket is closed; the status move is not allowed; or the ticket changed meanwhile',
      content: problemContent,
    },
    422: { description: 'The draft is empty or too long, or the body is invalid', content: problemContent },
  }) as const;

const request = {
  params: TicketIdParams,
  headers: z.object({ 'idempotency-key': z.string().optional() }),
  body: { required: false, content: { 'application/json': { schema: SendDraftBody } } },
};

export const sendReplyRoute = createRoute({
  method: 'post',
  path: '/tickets/{id}/reply',
  tags: ['Comments'],
  summary: "Send the agents' co-edited reply",
  description:
    "Takes the ticket's live reply draft (TicketRoom `reply`), renders it to sanitised HTML and writes it as one public " +
    'comment (channel web) crediting everyone who wrote in it (`co_authors`); then clears what was sent from the draft. ' +
    'Text typed while the send was in flight stays in the draft. Staff only.',
  middleware: [idempotent] as const,
  request,
  responses: responses('public reply'),
});

export const sendNoteRoute = createRoute({
  method: 'post',
  path: '/tickets/{id}/note',
  tags: ['Comments'],
  summary: "Save the agents' co-edited internal note",
  description: 'As POST /tickets/{id}/reply, for the internal-note draft (TicketRoom `note`): the comment is internal (public false).',
  middleware: [idempotent] as const,
  request,
  responses: responses('internal note'),
});

import { createRouter } from '../../http/create-router';
import * as comments from './comments.handlers';
import { createCommentRoute, listCommentsRoute } from './comments.routes';
import * as replies from './reply.handlers';
import { sendNoteRoute, sendReplyRoute } from './reply.routes';
import * as events from './ticket-events.handlers';
import { listTicketEventsRoute } from './ticket-events.routes';
import * as edits from './ticket-edits.handlers';
import * as tickets from './tickets.handlers';
import { bulkUpdateRoute, createTicketRoute, getTicketRoute, listTicketsRoute, updateTicketRoute } from './tickets.routes';

// `/tickets/bulk` is declared before `/tickets/{id}` so the literal path wins.
export const ticketsRouter = createRouter()
  .openapi(bulkUpdateRoute, edits.bulkUpdate)
  .openapi(createTicketRoute, tickets.create)
  .openapi(listTicketsRoute, tickets.list)
  .openapi(getTicketRoute, tickets.get)
  .openapi(updateTicketRoute, edits.update)
  .openapi(createCommentRoute, comments.create)
  .openapi(listCommentsRoute, comments.list)
  .openapi(listTicketEventsRoute, events.list)
  .openapi(sendReplyRoute, replies.sendReply)
  .openapi(sendNoteRoute, replies.sendNote);

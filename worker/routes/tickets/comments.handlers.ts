import type { RouteHandler } from '@hono/zod-openapi';
import { auditActor } from '../../audit/audit-log';
import { attachToCommentWrites } from '../../attachments/attachment-store';
import { isStaff } from '../../auth/permissions';
import type { AppEnv } from '../../http/app-env';
import { encodeCursor } from '../../http/cursor';
import { authorize } from '../../http/guards';
import { ProblemError } from '../../http/problem';
import { commentCreatedEvents, inboxActor, publishInboxEvents } from '../../realtime/inbox-events';
import { commentHtml } from '../../tickets/comment-html';
import { acceptsComments, commentStatusChange } from '../../tickets/comment-rules';
import { addComment, listComments } from '../../tickets/comment-store';
import { commentJson } from '../../tickets/ticket-json';
import { findTicket, isStaleTicketWrite } from '../../tickets/ticket-store';
import { uploadsForComment } from '../attachments/comment-uploads';
import type { createCommentRoute, listCommentsRoute } from './comments.routes';
import { ticketChanged, ticketNotFound } from './ticket-problems';
import { channelOf, seesInternalNotes, ticketViewer } from './ticket-viewer';

export const create: RouteHandler<typeof createCommentRoute, AppEnv> = async (c) => {
  const principal = authorize(c, 'comment:public');
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  if (!body.public) authorize(c, 'comment:internal');
  const db = c.get('db');

  const ticket = await findTicket(db, id, ticketViewer(principal));
  if (!ticket) throw ticketNotFound();
  if (!acceptsComments(ticket.status)) {
    throw new ProblemError(409, 'ticket-closed', 'The ticket is closed and takes no more comments. Open a new ticket instead.');
  }
  const uploads = await uploadsForComment(db, ticket.id, principal.userId, body.attachment_ids);
  const statusChange = commentStatusChange(ticket, isStaff(principal.role) ? 'staff' : 'customer', body.public, Date.now());
  try {
    const comment = await addComment(db, auditActor(c), {
      ticket: { id: ticket.id, status: ticket.status },
      author: { id: principal.userId, name: principal.name },
      public: body.public,
      channel: channelOf(principal),
      bodyText: body.body,
      bodyHtml: commentHtml(body.body),
      statusChange,
    }, (commentId) => attachToCommentWrites(db, auditActor(c), uploads, commentId, body.public));
    publishInboxEvents(c, commentCreatedEvents(comment, statusChange?.after ?? null, inboxActor(principal)));
    return c.json(commentJson(comment), 201);
  } catch (error) {
    if (isStaleTicketWrite(error)) throw ticketChanged();
    throw error;
  }
};

export const list: RouteHandler<typeof listCommentsRoute, AppEnv> = async (c) => {
  const principal = authorize(c, 'ticket:read_own');
  const { id } = c.req.valid('param');
  const { limit, cursor, channel } = c.req.valid('query');
  const db = c.get('db');

  if (!(await findTicket(db, id, ticketViewer(principal)))) throw ticketNotFound();
  const comments = await listComments(db, {
    ticketId: id,
    includeInternal: seesInternalNotes(principal),
    channel,
    afterId: cursor?.id,
    limit,
  });
  const page = comments.slice(0, limit);
  const last = page.at(-1);
  return c.json({ items: page.map(commentJson), next_cursor: comments.length > limit && last ? encodeCursor({ id: last.id }) : null }, 200);
};

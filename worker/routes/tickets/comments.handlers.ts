import type { RouteHandler } from '@hono/zod-openapi';
import { auditActor } from '../../audit/audit-log';
import { isStaff } from '../../auth/permissions';
import type { AppEnv } from '../../http/app-env';
import { encodeCursor } from '../../http/cursor';
import { authorize } from '../../http/guards';
import { ProblemError } from '../../http/problem';
import { commentHtml } from '../../tickets/comment-html';
import { acceptsComments, statusAfterComment } from '../../tickets/comment-rules';
import { addComment, listComments, type NewComment } from '../../tickets/comment-store';
import { planEdit } from '../../tickets/ticket-changes';
import { commentJson } from '../../tickets/ticket-json';
import { findTicket, isStaleTicketWrite, type TicketRecord } from '../../tickets/ticket-store';
import type { createCommentRoute, listCommentsRoute } from './comments.routes';
import { ticketChanged, ticketNotFound } from './ticket-problems';
import { channelOf, seesInternalNotes, ticketViewer } from './ticket-viewer';

/** The status move a comment brings, with its audit before/after; null when it brings none. */
function statusChangeFor(ticket: TicketRecord, to: NewComment['ticket']['status'] | null): NewComment['statusChange'] {
  if (to === null) return null;
  const plan = planEdit(ticket, { status: to }, Date.now());
  if (!plan.ok) return null;
  const { status, solvedAt, closedAt } = plan.next;
  return { next: { status, solvedAt, closedAt }, before: plan.before, after: plan.after };
}

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
  const to = statusAfterComment(ticket.status, isStaff(principal.role) ? 'staff' : 'customer', body.public);
  try {
    const comment = await addComment(db, auditActor(c), {
      ticket: { id: ticket.id, status: ticket.status },
      author: { id: principal.userId, name: principal.name },
      public: body.public,
      channel: channelOf(principal),
      bodyText: body.body,
      bodyHtml: commentHtml(body.body),
      statusChange: statusChangeFor(ticket, to),
    });
    return c.json(commentJson(comment), 201);
  } catch (error) {
    if (isStaleTicketWrite(error)) throw ticketChanged();
    throw error;
  }
};

export const list: RouteHandler<typeof listCommentsRoute, AppEnv> = async (c) => {
  const principal = authorize(c, 'ticket:read_own');
  const { id } = c.req.valid('param');
  const { limit, cursor } = c.req.valid('query');
  const db = c.get('db');

  if (!(await findTicket(db, id, ticketViewer(principal)))) throw ticketNotFound();
  const comments = await listComments(db, { ticketId: id, includeInternal: seesInternalNotes(principal), afterId: cursor?.id, limit });
  const page = comments.slice(0, limit);
  const last = page.at(-1);
  return c.json({ items: page.map(commentJson), next_cursor: comments.length > limit && last ? encodeCursor({ id: last.id }) : null }, 200);
};

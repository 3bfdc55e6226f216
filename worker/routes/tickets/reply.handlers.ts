import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { DraftField, TakeResult } from '../../../party/ticket-room';
import { auditActor } from '../../audit/audit-log';
import type { AppEnv } from '../../http/app-env';
import { authorize, requireUser } from '../../http/guards';
import { ProblemError } from '../../http/problem';
import { commentCreatedEvents, inboxActor, publishInboxEvents } from '../../realtime/inbox-events';
import { getTicketRoom } from '../../realtime/rooms';
import { acceptsComments, statusAfterComment } from '../../tickets/comment-rules';
import { addComment, type NewComment } from '../../tickets/comment-store';
import { planEdit } from '../../tickets/ticket-changes';
import { commentJson } from '../../tickets/ticket-json';
import { findTicket, isStaleTicketWrite, type TicketRecord } from '../../tickets/ticket-store';
import type { sendNoteRoute, sendReplyRoute } from './reply.routes';
import { illegalTransition, ticketChanged, ticketNotFound } from './ticket-problems';
import { ticketViewer } from './ticket-viewer';

// Exactly-once sending of a co-edited draft (DESIGN.md item 4): the TicketRoom
// takes the draft (renders it, remembers what it took), this handler writes the
// comment with its status move and audit rows in one D1 batch, then the room
// commits (clears what it took) — or, if the write failed, aborts (the draft
// is untouched). Concurrent sends meet in the room, which is single-threaded.

type DraftRefusal = Exclude<TakeResult, { ok: true }>;

function refusal(field: DraftField, refused: DraftRefusal): ProblemError {
  const what = field === 'reply' ? 'reply' : 'internal note';
  switch (refused.reason) {
    case 'already_sent':
      return new ProblemError(409, 'already-sent', `Someone sent this ${what} at the same moment; it was written once, as comment ${refused.commentId}.`, {
        comment_id: refused.commentId,
      });
    case 'busy':
      return new ProblemError(409, 'send-in-progress', `Another send of this ${what} is still settling. Try again in a few seconds.`);
    case 'empty':
      return new ProblemError(422, 'empty-draft', `The ${what} draft is empty: there is nothing to send.`, {
        errors: [{ field, detail: 'is empty' }],
      });
    case 'too_long':
      return new ProblemError(422, 'draft-too-long', `The ${what} draft is ${refused.length} characters long; at most 50000 can be sent.`, {
        errors: [{ field, detail: 'is longer than 50000 characters' }],
      });
  }
}

/** The status move the comment brings: the one asked for, else the comment rules' (a first public reply opens a new ticket). */
function statusChangeFor(ticket: TicketRecord, requested: TicketRecord['status'] | undefined, isPublic: boolean): NewComment['statusChange'] {
  const to = requested ?? statusAfterComment(ticket.status, 'staff', isPublic);
  if (to === null || to === ticket.status) return null;
  const plan = planEdit(ticket, { status: to }, Date.now());
  if (!plan.ok) throw illegalTransition(ticket.status, to, plan.allowed);
  const { status, solvedAt, closedAt } = plan.next;
  return { next: { status, solvedAt, closedAt }, before: plan.before, after: plan.after };
}

async function sendDraft(c: Context<AppEnv>, field: DraftField, id: number, requested: TicketRecord['status'] | undefined) {
  // Sends that overlap this request saw the same draft: the room compares its commits with this moment.
  const requestedAt = Date.now();
  const principal = requireUser(c);
  const db = c.get('db');
  // Visibility before permission: a ticket the caller cannot see answers 404 whatever the role.
  const ticket = await findTicket(db, id, ticketViewer(principal));
  if (!ticket) throw ticketNotFound();
  authorize(c, 'draft:coedit');
  if (field === 'note') authorize(c, 'comment:internal');
  if (!acceptsComments(ticket.status)) {
    throw new ProblemError(409, 'ticket-closed', 'The ticket is closed and takes no more comments. Open a new ticket instead.');
  }
  const isPublic = field === 'reply';
  const statusChange = statusChangeFor(ticket, requested, isPublic);

  const room = await getTicketRoom(c.env, c.get('tenant').id, ticket.id);
  const taken = (await room.takeDraft({ field, senderId: principal.userId, requestedAt })) as TakeResult;
  if (!taken.ok) throw refusal(field, taken);

  let comment: Awaited<ReturnType<typeof addComment>>;
  try {
    comment = await addComment(db, auditActor(c), {
      ticket: { id: ticket.id, status: ticket.status },
      author: { id: principal.userId, name: principal.name },
      public: isPublic,
      channel: 'web',
      bodyText: taken.text,
      bodyHtml: taken.html,
      coAuthors: taken.coAuthors,
      statusChange,
    });
  } catch (error) {
    // Nothing was written: give the draft back untouched (if the room cannot be told, its take expires).
    await room.abortSend(taken.sendId).catch((abortError: unknown) => console.error('abortSend failed', String(abortError)));
    if (isStaleTicketWrite(error)) throw ticketChanged();
    throw error;
  }
  const committed = await room.commitSend(taken.sendId, comment.id).catch((error: unknown) => ({ ok: false, reason: String(error) }));
  if (!committed.ok) {
    // The comment stands (it is the truth); the draft may still hold what it says.
    console.error(JSON.stringify({ level: 'error', event: 'draft.commit_failed', ticketId: ticket.id, commentId: comment.id, reason: committed.reason }));
  }
  publishInboxEvents(c, commentCreatedEvents(comment, statusChange?.after ?? null, inboxActor(principal)));
  return c.json(commentJson(comment), 201);
}

export const sendReply: RouteHandler<typeof sendReplyRoute, AppEnv> = async (c) =>
  sendDraft(c, 'reply', c.req.valid('param').id, c.req.valid('json')?.status);

export const sendNote: RouteHandler<typeof sendNoteRoute, AppEnv> = async (c) =>
  sendDraft(c, 'note', c.req.valid('param').id, c.req.valid('json')?.status);

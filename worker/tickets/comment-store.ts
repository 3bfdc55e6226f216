import { and, asc, desc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { auditStatement, type AuditActor } from '../audit/audit-log';
import { sha256Hex } from '../auth/secrets';
import { idempotencyKeys } from '../db/tenant/idempotency';
import { ticketComments, tickets, type TicketStatus } from '../db/tenant/tickets';
import { users, type Role } from '../db/tenant/users';
import { violatesUnique } from '../db/unique-violation';
import { notifyStatements } from '../notifications/notification-outbox';
import { replyNotificationStatements } from '../notifications/ticket-notifications';
import { commentSlaWrites, type CommentSlaEvent } from '../sla/sla-ticket-events';
import type { TenantDb } from '../tenancy/tenant-db';
import { ticketQuery, toTicketRecord } from './ticket-store';
import type { StatusState } from './ticket-status';

// Comments on a ticket: public replies, internal notes and chat messages.
// Customers never receive internal notes: the filter is in the query, not in the caller.

export interface CommentRecord {
  id: number;
  ticketId: number;
  author: { id: number; name: string };
  public: boolean;
  channel: (typeof ticketComments.$inferSelect)['channel'];
  bodyText: string;
  bodyHtml: string;
  /** Who wrote a co-edited reply or note with its author (user ids); empty for other comments. */
  coAuthors: number[];
  createdAt: number;
}

const toCommentRecord = (c: typeof ticketComments.$inferSelect, authorName: string): CommentRecord => ({
  id: c.id,
  ticketId: c.ticketId,
  author: { id: c.authorId, name: authorName },
  public: c.public,
  channel: c.channel,
  bodyText: c.bodyText,
  bodyHtml: c.bodyHtml,
  coAuthors: c.coAuthors,
  createdAt: c.createdAt,
});

export interface CommentPageRequest {
  ticketId: number;
  includeInternal: boolean;
  /** Only comments that came in through this channel (e.g. the live chat's). */
  channel?: CommentRecord['channel'];
  afterId?: number;
  limit: number;
}

/** Comments in the order they were written; one more than `limit` tells the caller another page exists. */
export function commentPageQuery(db: TenantDb, request: CommentPageRequest) {
  return db
    // Named apart from every comment column: batches map rows by column name.
    .select({ comment: ticketComments, authorName: sql<string>`${users.name}`.as('author_name') })
    .from(ticketComments)
    .innerJoin(users, eq(users.id, ticketComments.authorId))
    .where(
      and(
        eq(ticketComments.ticketId, request.ticketId),
        request.includeInternal ? undefined : eq(ticketComments.public, true),
        request.channel !== undefined ? eq(ticketComments.channel, request.channel) : undefined,
        request.afterId !== undefined ? gt(ticketComments.id, request.afterId) : undefined,
      ),
    )
    .orderBy(asc(ticketComments.id))
    .limit(request.limit + 1);
}

export const toCommentRecords = (rows: Awaited<ReturnType<typeof commentPageQuery>>): CommentRecord[] =>
  rows.map((r) => toCommentRecord(r.comment, r.authorName));

export async function listComments(db: TenantDb, request: CommentPageRequest): Promise<CommentRecord[]> {
  return toCommentRecords(await commentPageQuery(db, request));
}

export interface NewComment {
  ticket: { id: number; status: TicketStatus };
  author: { id: number; name: string };
  public: boolean;
  channel: CommentRecord['channel'];
  bodyText: string;
  bodyHtml: string;
  /** A co-edited draft's writers (the TicketRoom's contributors since the last send). */
  coAuthors?: number[];
  /** Set when the comment moves the ticket (a customer reopening it, a first staff reply). */
  statusChange: { next: StatusState; before: Record<string, unknown>; after: Record<string, unknown> } | null;
}

/** The id of the comment inserted earlier in the same batch (ids only grow, and a batch is one transaction). */
export const newCommentId = sql`(select max(${ticketComments.id}) from ${ticketComments})`;

/** The statements that add a comment: bump (and maybe move) the ticket, insert the comment, audit both. */
function commentWrites(db: TenantDb, actor: AuditActor, comment: NewComment, now: number) {
  const { ticket, statusChange } = comment;
  return {
    bump: db
      .update(tickets)
      .set({
        ...statusChange?.next,
        updatedAt: sql`case when ${tickets.status} = ${ticket.status} then max(${tickets.updatedAt} + 1, ${now}) end`,
      })
      .where(eq(tickets.id, ticket.id)),
    insert: db
      .insert(ticketComments)
      .values({
        ticketId: ticket.id,
        authorId: comment.author.id,
        public: comment.public,
        channel: comment.channel,
        bodyText: comment.bodyText,
        bodyHtml: comment.bodyHtml,
        coAuthors: comment.coAuthors ?? [],
        createdAt: now,
      })
      .returning(),
    audits: [
      auditStatement(db, actor, {
        action: 'comment.create',
        targetType: 'comment',
        targetId: newCommentId,
        after: { ticket_id: ticket.id, public: comment.public, channel: comment.channel },
      }),
      ...(statusChange
        ? [
            auditStatement(db, actor, {
              action: 'ticket.update',
              targetType: 'ticket',
              targetId: ticket.id,
              before: statusChange.before,
              after: statusChange.after,
            }),
          ]
        : []),
    ],
  };
}

/** What a comment means to the ticket's SLA targets (written in the comment's batch). */
const slaEventOf = (comment: Pick<NewComment, 'ticket' | 'author' | 'public' | 'statusChange'>): CommentSlaEvent => ({
  ticketId: comment.ticket.id,
  authorId: comment.author.id,
  public: comment.public,
  statusAfter: comment.statusChange?.next.status ?? null,
});

/**
 * Adds the comment, bumps the ticket (and moves its status if asked) and writes
 * the audit rows and the SLA targets' moves, in one batch. The ticket update only lands if the status is
 * still the one the caller decided on (see `isStaleTicketWrite`); a closed
 * ticket cannot be reopened by a reply racing its closing.
 */
export async function addComment(
  db: TenantDb,
  actor: AuditActor,
  comment: NewComment,
  /** A caller's statements for the same batch (inbound e-mail records the message's id), given the new comment's id. */
  alsoWrite: (commentId: SQL) => BatchItem<'sqlite'>[] = () => [],
): Promise<CommentRecord> {
  const now = Date.now();
  const writes = commentWrites(db, actor, comment, now);
  const slaWrites = await commentSlaWrites(db, slaEventOf(comment), now);
  const [, [created]] = await db.batch([
    writes.bump,
    writes.insert,
    ...writes.audits,
    ...alsoWrite(newCommentId),
    ...slaWrites,
    ...replyNotificationStatements(db, { ticketId: comment.ticket.id, public: comment.public, author: comment.author, bodyText: comment.bodyText }, newCommentId),
  ]);
  if (!created) throw new Error('the comment insert returned no row');
  return toCommentRecord(created, comment.author.name);
}

// Live chat: each chat message is a public comment of channel 'chat', so it is
// part of the ticket's history (and the comments API pages through all of it).

export interface ChatMessageRecord {
  id: number;
  author: { id: number; name: string; role: Role };
  bodyText: string;
  createdAt: number;
}

const chatMessageColumns = {
  id: ticketComments.id,
  authorId: ticketComments.authorId,
  bodyText: ticketComments.bodyText,
  createdAt: ticketComments.createdAt,
  authorName: sql<string>`${users.name}`.as('author_name'),
  authorRole: sql<Role>`${users.role}`.as('author_role'),
};

type ChatMessageRow = { id: number; authorId: number; bodyText: string; createdAt: number; authorName: string; authorRole: Role };

const toChatMessage = (r: ChatMessageRow): ChatMessageRecord => ({
  id: r.id,
  author: { id: r.authorId, name: r.authorName, role: r.authorRole },
  bodyText: r.bodyText,
  createdAt: r.createdAt,
});

const chatMessagesOf = (ticketId: number) => and(eq(ticketComments.ticketId, ticketId), eq(ticketComments.channel, 'chat'));

/** The latest `limit` chat messages of a ticket, oldest first, and whether older ones exist. */
export async function latestChatMessages(
  db: TenantDb,
  ticketId: number,
  limit: number,
): Promise<{ messages: ChatMessageRecord[]; hasOlder: boolean }> {
  const rows = await db
    .select(chatMessageColumns)
    .from(ticketComments)
    .innerJoin(users, eq(users.id, ticketComments.authorId))
    .where(chatMessagesOf(ticketId))
    .orderBy(desc(ticketComments.id))
    .limit(limit + 1);
  return { messages: rows.slice(0, limit).reverse().map(toChatMessage), hasOlder: rows.length > limit };
}

/**
 * The dedupe record of a chat message: the sender's `client_id` kept as an
 * idempotency key (the same table as HTTP `Idempotency-Key`s, under a `chat:`
 * prefix and a route no HTTP request has), written with the message.
 */
const chatDedupe = (ticketId: number, senderId: number, clientId: string) => ({
  principal: `user:${senderId}`,
  key: `chat:${ticketId}:${clientId}`,
  route: `WS /parties/chat-room/${ticketId}`,
});

/** Whether a write failed because the message's `client_id` was already stored. */
export const isDuplicateChatMessage = (error: unknown): boolean => violatesUnique(error, 'idempotency_keys');

/**
 * What the chat room needs to take one message, read in one round trip: the
 * ticket, the sender as they are now (name, role, whether still active), and
 * the message already stored under this `client_id`, if any.
 */
export async function loadChatTurn(db: TenantDb, ticketId: number, senderId: number, clientId: string) {
  const dedupe = chatDedupe(ticketId, senderId, clientId);
  const [[ticket], [sender], [stored]] = await db.batch([
    ticketQuery(db, ticketId, { userId: senderId, seesAllTickets: true }),
    db
      .select({ id: users.id, name: users.name, role: users.role })
      .from(users)
      .where(and(eq(users.id, senderId), eq(users.active, true))),
    db
      .select(chatMessageColumns)
      .from(idempotencyKeys)
      .innerJoin(ticketComments, sql`${ticketComments.id} = ${idempotencyKeys.responseBody} ->> 'comment_id'`)
      .innerJoin(users, eq(users.id, ticketComments.authorId))
      .where(and(eq(idempotencyKeys.principal, dedupe.principal), eq(idempotencyKeys.key, dedupe.key))),
  ]);
  return {
    ticket: ticket ? toTicketRecord(ticket) : null,
    sender: sender ?? null,
    stored: stored ? toChatMessage(stored) : null,
  };
}

export interface NewChatMessage {
  ticket: NewComment['ticket'];
  author: { id: number; name: string; role: Role };
  clientId: string;
  bodyText: string;
  bodyHtml: string;
  statusChange: NewComment['statusChange'];
  /** Set to record a notification of the message for someone who is not in the chat. */
  notify: { recipientId: number } | null;
}

/** The outbox event of a chat message written while its recipient was away. */
export const CHAT_OFFLINE_MESSAGE = 'chat.offline_message';

/**
 * Stores a chat message like `addComment` does (ticket bump and status move,
 * audit rows), plus its dedupe record and, if asked, an outbox notification,
 * all in one batch. Fails with `isStaleTicketWrite` when the ticket's status
 * moved since it was read, and with `isDuplicateChatMessage` when the
 * `client_id` was stored by a concurrent write.
 */
export async function addChatMessage(db: TenantDb, actor: AuditActor, message: NewChatMessage): Promise<ChatMessageRecord> {
  const now = Date.now();
  const writes = commentWrites(db, actor, { ...message, public: true, channel: 'chat' }, now);
  const slaWrites = await commentSlaWrites(db, slaEventOf({ ...message, public: true }), now);
  const bodyHash = await sha256Hex(message.bodyText);
  const { notify } = message;
  const [, [created]] = await db.batch([
    writes.bump,
    writes.insert,
    ...writes.audits,
    db.insert(idempotencyKeys).values({
      ...chatDedupe(message.ticket.id, message.author.id, message.clientId),
      bodyHash,
      status: 201,
      responseBody: sql`json_object('comment_id', ${newCommentId})`,
    }),
    ...(notify
      ? notifyStatements(db, {
          event: CHAT_OFFLINE_MESSAGE,
          recipients: [notify.recipientId],
          cause: newCommentId,
          payload: sql`json_object('ticket_id', ${message.ticket.id}, 'comment_id', ${newCommentId}, 'author', json_object('id', ${message.author.id}, 'name', ${message.author.name}), 'text', ${message.bodyText})`,
        })
      : []),
    ...slaWrites,
  ]);
  if (!created) throw new Error('the chat message insert returned no row');
  return { id: created.id, author: message.author, bodyText: created.bodyText, createdAt: created.createdAt };
}

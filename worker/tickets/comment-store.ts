import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { auditStatement, type AuditActor } from '../audit/audit-log';
import { ticketComments, tickets, type TicketStatus } from '../db/tenant/tickets';
import { users } from '../db/tenant/users';
import type { TenantDb } from '../tenancy/tenant-db';
import type { StatusState } from './ticket-status';

// Comments on a ticket: public replies and internal notes. Customers never
// receive internal notes: the filter is in the query, not in the caller.

export interface CommentRecord {
  id: number;
  ticketId: number;
  author: { id: number; name: string };
  public: boolean;
  channel: (typeof ticketComments.$inferSelect)['channel'];
  bodyText: string;
  bodyHtml: string;
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
  createdAt: c.createdAt,
});

export interface CommentPageRequest {
  ticketId: number;
  includeInternal: boolean;
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
  /** Set when the comment moves the ticket (a customer reopening it, a first staff reply). */
  statusChange: { next: StatusState; before: Record<string, unknown>; after: Record<string, unknown> } | null;
}

/**
 * Adds the comment, bumps the ticket (and moves its status if asked) and writes
 * the audit rows, in one batch. The ticket update only lands if the status is
 * still the one the caller decided on (see `isStaleTicketWrite`); a closed
 * ticket cannot be reopened by a reply racing its closing.
 */
export async function addComment(db: TenantDb, actor: AuditActor, comment: NewComment): Promise<CommentRecord> {
  const now = Date.now();
  const { ticket, statusChange } = comment;
  const [, [created]] = await db.batch([
    db
      .update(tickets)
      .set({
        ...statusChange?.next,
        updatedAt: sql`case when ${tickets.status} = ${ticket.status} then max(${tickets.updatedAt} + 1, ${now}) end`,
      })
      .where(eq(tickets.id, ticket.id)),
    db
      .insert(ticketComments)
      .values({
        ticketId: ticket.id,
        authorId: comment.author.id,
        public: comment.public,
        channel: comment.channel,
        bodyText: comment.bodyText,
        bodyHtml: comment.bodyHtml,
        createdAt: now,
      })
      .returning(),
    auditStatement(db, actor, {
      action: 'comment.create',
      targetType: 'comment',
      targetId: sql`(select max(${ticketComments.id}) from ${ticketComments})`,
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
  ]);
  if (!created) throw new Error('the comment insert returned no row');
  return toCommentRecord(created, comment.author.name);
}

import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { alias } from 'drizzle-orm/sqlite-core';
import { auditStatement, type AuditActor } from '../audit/audit-log';
import {
  PRIORITY_RANK,
  tags,
  tickets,
  ticketTags,
  type CustomFields,
  type TicketChannel,
  type TicketPriority,
  type TicketType,
} from '../db/tenant/tickets';
import { users } from '../db/tenant/users';
import type { TenantDb } from '../tenancy/tenant-db';
import { editSlaWrites, newTicketSlaWrites } from '../sla/sla-ticket-events';
import type { EditableTicket } from './ticket-changes';
import { assignedNotificationStatements, createdNotificationStatements } from '../notifications/ticket-notifications';

// Tickets in the tenant database: reading them with their people and tags, and
// writing them together with their audit rows in one batch.

const requester = alias(users, 'requester');
const assignee = alias(users, 'assignee');

/** The tags of the ticket in the outer query as a JSON array, so a whole page is one query. */
const tagNames = sql<string>`(select json_group_array(${tags.name}) from ${ticketTags} join ${tags} on ${tags.id} = ${ticketTags.tagId} where ${ticketTags.ticketId} = ${tickets.id})`;

/**
 * Tickets with their requester, assignee and tags; add `where`, `orderBy`,
 * `limit`. Every column has its own name: inside `db.batch` drizzle maps D1's
 * rows by column name, where two `name`s would overwrite each other.
 */
export function selectTickets(db: TenantDb) {
  return db
    .select({
      ticket: tickets,
      requesterName: sql<string>`${requester.name}`.as('requester_name'),
      requesterEmail: sql<string>`${requester.email}`.as('requester_email'),
      assigneeName: sql<string | null>`${assignee.name}`.as('assignee_name'),
      tags: tagNames.as('tag_names'),
    })
    .from(tickets)
    .innerJoin(requester, eq(requester.id, tickets.requesterId))
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId));
}

export type TicketRow = Awaited<ReturnType<ReturnType<typeof selectTickets>['all']>>[number];

export interface TicketRecord extends EditableTicket {
  id: number;
  description: string;
  channel: TicketChannel;
  requester: { id: number; name: string; email: string };
  assignee: { id: number; name: string } | null;
  createdAt: number;
  updatedAt: number;
  /** The earliest due instant of the ticket's open SLA targets (the list's `sla_due` sort key). */
  slaDueAt: number | null;
}

export function toTicketRecord(row: TicketRow): TicketRecord {
  const t = row.ticket;
  return {
    id: t.id,
    subject: t.subject,
    description: t.description,
    status: t.status,
    priority: t.priority,
    type: t.type,
    channel: t.channel,
    requester: { id: t.requesterId, name: row.requesterName, email: row.requesterEmail },
    assigneeId: t.assigneeId,
    assignee: t.assigneeId === null ? null : { id: t.assigneeId, name: row.assigneeName ?? '' },
    group: t.group,
    tags: (JSON.parse(row.tags) as string[]).sort(),
    customFields: t.customFields,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    solvedAt: t.solvedAt,
    closedAt: t.closedAt,
    slaDueAt: t.slaDueAt,
  };
}

/** Who is looking: customers see only the tickets they requested. */
export interface TicketViewer {
  userId: number;
  seesAllTickets: boolean;
}

export const visibleTo = (viewer: TicketViewer): SQL | undefined =>
  viewer.seesAllTickets ? undefined : eq(tickets.requesterId, viewer.userId);

/** The ticket if the viewer may see it; a ticket that exists and one they may not see are alike on purpose. */
export function ticketQuery(db: TenantDb, id: number, viewer: TicketViewer) {
  return selectTickets(db).where(and(eq(tickets.id, id), visibleTo(viewer)));
}

export async function findTicket(db: TenantDb, id: number, viewer: TicketViewer): Promise<TicketRecord | null> {
  const row = await ticketQuery(db, id, viewer).get();
  return row ? toTicketRecord(row) : null;
}

/** A JSON array as one bound parameter: D1 allows 100 parameters per statement, a bulk edit names 100 tickets. */
const jsonList = (values: readonly unknown[]): SQL => sql`(select value from json_each(${JSON.stringify(values)}))`;

export async function findTicketsByIds(db: TenantDb, ids: readonly number[], viewer: TicketViewer): Promise<TicketRecord[]> {
  const rows = await selectTickets(db)
    .where(and(sql`${tickets.id} in ${jsonList(ids)}`, visibleTo(viewer)))
    .all();
  return rows.map(toTicketRecord);
}

export interface NewTicket {
  subject: string;
  description: string;
  priority: TicketPriority;
  type: TicketType;
  channel: TicketChannel;
  requesterId: number;
  assigneeId: number | null;
  group: string | null;
  tags: string[];
  customFields: CustomFields;
}

/** The id of the ticket inserted earlier in the same batch (ids only grow, and a batch is one transaction). */
const newTicketId = sql`(select max(${tickets.id}) from ${tickets})`;

/**
 * Creates the ticket, its tags and its audit row in one batch. `alsoWrite`
 * adds a caller's statements to the same batch (inbound e-mail records the
 * message's id), given the new ticket's id as a subquery.
 */
export async function createTicket(
  db: TenantDb,
  actor: AuditActor,
  ticket: NewTicket,
  alsoWrite: (ticketId: SQL) => BatchItem<'sqlite'>[] = () => [],
): Promise<TicketRecord> {
  const now = Date.now();
  const { tags: tagList, ...columns } = ticket;
  const slaWrites = await newTicketSlaWrites(db, ticket, newTicketId, now);
  const [, , , [row]] = await db.batch([
    db.insert(tickets).values({
      ...columns,
      priorityRank: PRIORITY_RANK[ticket.priority],
      status: 'new',
      createdAt: now,
      updatedAt: now,
    }),
    db.insert(ticketTags).select(
      db
        .select({ ticketId: newTicketId.mapWith(Number).as('ticket_id'), tagId: tags.id })
        .from(tags)
        .where(sql`${tags.name} in ${jsonList(tagList)}`),
    ),
    auditStatement(db, actor, {
      action: 'ticket.create',
      targetType: 'ticket',
      targetId: newTicketId,
      after: {
        subject: ticket.subject,
        status: 'new',
        priority: ticket.priority,
        type: ticket.type,
        channel: ticket.channel,
        requester_id: ticket.requesterId,
        assignee_id: ticket.assigneeId,
        group: ticket.group,
        tags: tagList,
        custom_fields: ticket.customFields,
      },
    }),
    selectTickets(db).where(eq(tickets.id, newTicketId)),
    ...alsoWrite(newTicketId),
    ...slaWrites,
    ...createdNotificationStatements(db, ticket, actor.actorId, newTicketId),
  ]);
  if (!row) throw new Error('the created ticket could not be read back');
  return toTicketRecord(row);
}

/** One planned edit: the ticket as it was read, where it goes, and what the audit log says. */
export interface TicketEditWrite {
  current: TicketRecord;
  next: EditableTicket;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** The columns an edit changes (only those: a bulk edit must not resend every ticket's custom fields). */
function changedColumns({ next, after }: TicketEditWrite): Partial<typeof tickets.$inferInsert> {
  const set: Partial<typeof tickets.$inferInsert> = {};
  if ('subject' in after) set.subject = next.subject;
  if ('priority' in after) Object.assign(set, { priority: next.priority, priorityRank: PRIORITY_RANK[next.priority] });
  if ('type' in after) set.type = next.type;
  if ('assignee_id' in after) set.assigneeId = next.assigneeId;
  if ('group' in after) set.group = next.group;
  if ('custom_fields' in after) set.customFields = next.customFields;
  if ('status' in after) Object.assign(set, { status: next.status, solvedAt: next.solvedAt, closedAt: next.closedAt });
  return set;
}

/**
 * `updated_at` for a write that must only land on the ticket as it was read.
 * A ticket changed since (another edit, a reply) makes the expression NULL, the
 * NOT NULL column refuses it, and the whole batch rolls back: compare-and-set
 * inside one D1 batch, where an explicit transaction is not available.
 * The new stamp always moves forward, so two writes never share one.
 */
function updatedAtIfUnchanged(seenUpdatedAt: number, now: number): SQL {
  return sql`case when ${tickets.updatedAt} = ${seenUpdatedAt} then ${Math.max(now, seenUpdatedAt + 1)} end`;
}

/** Whether a write failed because its ticket changed after it was read (see `updatedAtIfUnchanged`). */
export function isStaleTicketWrite(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.message.includes('NOT NULL constraint failed: tickets.updated_at')) return true;
  }
  return false;
}

/** (ticket id, tag id) for each ticket and tag name `pick` names, from one JSON parameter. */
function tagPairs(db: TenantDb, writes: TicketEditWrite[], pick: (w: TicketEditWrite) => string[]) {
  const pairs = JSON.stringify(writes.flatMap((w) => pick(w).map((name) => [w.current.id, name])));
  return db
    .select({ ticketId: sql<number>`pair.value ->> 0`.as('ticket_id'), tagId: tags.id })
    .from(sql`json_each(${pairs}) as pair`)
    .innerJoin(tags, sql`${tags.name} = pair.value ->> 1`);
}

const added = (w: TicketEditWrite) => w.next.tags.filter((t) => !w.current.tags.includes(t));
const removed = (w: TicketEditWrite) => w.current.tags.filter((t) => !w.next.tags.includes(t));

/**
 * Writes edits of one or many tickets and one `ticket.update` audit row per
 * ticket, in one batch: all land or none. Each ticket must not have changed
 * since it was read, or the batch fails (`isStaleTicketWrite`).
 */
export async function writeTicketEdits(db: TenantDb, actor: AuditActor, writes: TicketEditWrite[], now: number): Promise<TicketRecord[]> {
  const slaWrites = await editSlaWrites(
    db,
    writes.map((w) => ({ ...w.next, id: w.current.id, requesterId: w.current.requester.id, createdAt: w.current.createdAt })),
    now,
  );
  const results = await db.batch([
    db.delete(ticketTags).where(sql`(${ticketTags.ticketId}, ${ticketTags.tagId}) in ${tagPairs(db, writes, removed)}`),
    db.insert(ticketTags).select(tagPairs(db, writes, added)).onConflictDoNothing(),
    ...writes.flatMap((w) => [
      db
        .update(tickets)
        .set({ ...changedColumns(w), updatedAt: updatedAtIfUnchanged(w.current.updatedAt, now) })
        .where(eq(tickets.id, w.current.id)),
      auditStatement(db, actor, { action: 'ticket.update', targetType: 'ticket', targetId: w.current.id, before: w.before, after: w.after }),
      ...('assignee_id' in w.after && w.next.assigneeId !== null
        ? assignedNotificationStatements(db, { ticketId: w.current.id, subject: w.next.subject, assigneeId: w.next.assigneeId }, actor.actorId, now)
        : []),
    ]),
    ...slaWrites,
    selectTickets(db).where(sql`${tickets.id} in ${jsonList(writes.map((w) => w.current.id))}`),
  ]);
  // The read-back is the batch's last statement, so it sees every write above.
  const rows = results[results.length - 1] as TicketRow[];
  const byId = new Map(rows.map((row) => [row.ticket.id, toTicketRecord(row)]));
  return writes.map((w) => byId.get(w.current.id)).filter((t): t is TicketRecord => t !== undefined);
}

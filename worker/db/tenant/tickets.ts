import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';

const now = sql`(unixepoch('subsec') * 1000)`;

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TICKET_TYPES = ['question', 'incident', 'problem', 'task'] as const;
export const TICKET_CHANNELS = ['web', 'email', 'chat', 'api'] as const;
export const COMMENT_CHANNELS = ['web', 'email', 'chat', 'api'] as const;

export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export type TicketType = (typeof TICKET_TYPES)[number];
export type TicketChannel = (typeof TICKET_CHANNELS)[number];
export type CustomFields = Record<string, string | number | boolean | null>;

/** `priority_rank` for each priority: what the list sorts and pages by. */
export const PRIORITY_RANK: Readonly<Record<TicketPriority, number>> = { low: 1, normal: 2, high: 3, urgent: 4 };

export const tickets = sqliteTable(
  'tickets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    status: text('status', { enum: TICKET_STATUSES }).notNull().default('new'),
    priority: text('priority', { enum: TICKET_PRIORITIES }).notNull().default('normal'),
    /** 1 (low) … 4 (urgent): lets the list sort and page by priority with an index. */
    priorityRank: integer('priority_rank').notNull().default(2),
    type: text('type', { enum: TICKET_TYPES }).notNull().default('question'),
    channel: text('channel', { enum: TICKET_CHANNELS }).notNull().default('web'),
    requesterId: integer('requester_id')
      .notNull()
      .references(() => users.id),
    assigneeId: integer('assignee_id').references(() => users.id),
    group: text('group_name'),
    /** JSON object of scalar values. */
    customFields: text('custom_fields', { mode: 'json' }).$type<CustomFields>().notNull().default({}),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
    solvedAt: integer('solved_at'),
    closedAt: integer('closed_at'),
    /**
     * The earliest due instant of the ticket's running or breached, unmet SLA
     * targets, and the earliest warning instant of the same targets (null when
     * none): kept by worker/sla/ in the batch that changes a target, so the list
     * filters at_risk/breached and sorts by next due from an index.
     */
    slaDueAt: integer('sla_due_at'),
    slaWarnAt: integer('sla_warn_at'),
  },
  // The list pages on (sort key, id): each index below serves one sort, alone or
  // after the equality filter of a common view (a status, my tickets, unassigned,
  // a customer's own), so a page is read in order without sorting the matches.
  // Checked with EXPLAIN QUERY PLAN in tests/integration/ticket-list-plan.test.ts.
  (t) => [
    index('tickets_updated_idx').on(t.updatedAt, t.id),
    index('tickets_created_idx').on(t.createdAt, t.id),
    index('tickets_priority_idx').on(t.priorityRank, t.id),
    index('tickets_status_updated_idx').on(t.status, t.updatedAt, t.id),
    index('tickets_status_created_idx').on(t.status, t.createdAt, t.id),
    index('tickets_status_priority_idx').on(t.status, t.priorityRank, t.id),
    index('tickets_assignee_updated_idx').on(t.assigneeId, t.updatedAt, t.id),
    index('tickets_assignee_status_updated_idx').on(t.assigneeId, t.status, t.updatedAt, t.id),
    index('tickets_requester_updated_idx').on(t.requesterId, t.updatedAt, t.id),
    index('tickets_sla_due_idx').on(t.slaDueAt, t.id),
  ],
);

export const ticketComments = sqliteTable(
  'ticket_comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    /** Public replies are seen by the customer; internal notes never are. */
    public: integer('public', { mode: 'boolean' }).notNull(),
    channel: text('channel', { enum: COMMENT_CHANNELS }).notNull().default('web'),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html').notNull(),
    /** Who wrote a co-edited reply or note with its author (a JSON array of user ids, ascending); empty otherwise. */
    coAuthors: text('co_authors', { mode: 'json' }).$type<number[]>().notNull().default([]),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [index('ticket_comments_ticket_idx').on(t.ticketId, t.id)],
);

export const tags = sqliteTable('tags', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  color: text('color'),
  createdAt: integer('created_at').notNull().default(now),
});

export const ticketTags = sqliteTable(
  'ticket_tags',
  {
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.tagId] }), index('ticket_tags_tag_idx').on(t.tagId, t.ticketId)],
);

export type Ticket = typeof tickets.$inferSelect;
export type TicketComment = typeof ticketComments.$inferSelect;

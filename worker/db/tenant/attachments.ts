import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { kbArticles } from './kb';
import { ticketComments, tickets } from './tickets';
import { users } from './users';

const now = sql`(unixepoch('subsec') * 1000)`;

/**
 * Files stored in R2 (binding ATTACHMENTS) under `t/<tenant id>/…`; this row is
 * their metadata and what authorises a download. A file belongs to a ticket
 * (and maybe one of its comments) or to a knowledge-base article, never both.
 * Deleting sets `deleted_at`; the housekeeping cron removes the R2 object and
 * the row after a grace period (worker/attachments/purge-attachments.ts).
 */
export const attachments = sqliteTable(
  'attachments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: integer('ticket_id').references(() => tickets.id),
    commentId: integer('comment_id').references(() => ticketComments.id),
    articleId: integer('article_id').references(() => kbArticles.id),
    /**
     * Whether the ticket's customer may see it: false for files of internal notes
     * and for staff uploads marked internal. Article images follow the article.
     */
    public: integer('public', { mode: 'boolean' }).notNull(),
    /** Sanitised (worker/attachments/attachment-filename.ts). */
    filename: text('filename').notNull(),
    /** One of the allowlist (worker/attachments/attachment-types.ts), checked against the file's magic bytes. */
    contentType: text('content_type').notNull(),
    /**
     * Bytes. NOT NULL doubles as the quota's compare-and-set: the insert gives NULL
     * when the file would take the tenant over its quota, and the batch rolls back.
     */
    sizeBytes: integer('size_bytes').notNull(),
    /** `t/<tenant id>/<random id>`: unique, unguessable, and never reused. */
    r2Key: text('r2_key').notNull().unique(),
    uploaderId: integer('uploader_id').references(() => users.id),
    createdAt: integer('created_at').notNull().default(now),
    deletedAt: integer('deleted_at'),
    deletedBy: integer('deleted_by').references(() => users.id),
  },
  (t) => [
    check('attachments_one_owner', sql`(${t.ticketId} is null) <> (${t.articleId} is null)`),
    check('attachments_comment_on_ticket', sql`${t.commentId} is null or ${t.ticketId} is not null`),
    index('attachments_ticket_idx').on(t.ticketId, t.id),
    index('attachments_comment_idx').on(t.commentId),
    index('attachments_article_idx').on(t.articleId, t.id),
    // Serves the purge (oldest deletions first) and, covering the size, the quota's sum of live files.
    index('attachments_deleted_idx').on(t.deletedAt, t.sizeBytes),
  ],
);

export type Attachment = typeof attachments.$inferSelect;

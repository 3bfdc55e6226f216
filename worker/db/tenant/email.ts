import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ticketComments, tickets } from './tickets';

/** What an inbound attachment was, and what became of it (stored as an attachment, or refused and why). */
export interface EmailAttachmentMeta {
  filename: string | null;
  mime_type: string;
  size: number;
  /** The `attachments` row its bytes were stored as; null when refused. */
  attachment_id: number | null;
  /** Why it was not stored (`type_not_allowed`, `quota_exceeded`, …); null when stored. */
  refused: string | null;
}

/**
 * Every Message-ID of a ticket's mail thread, received or sent: a reply's
 * In-Reply-To/References are looked up here to find its ticket. `message_id`
 * is unique, so the same message delivered twice creates nothing the second
 * time (its insert fails and rolls back the batch that holds it).
 */
export const emailMessages = sqliteTable(
  'email_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Without angle brackets, as postal-mime and our own builder give it. */
    messageId: text('message_id').notNull().unique(),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    /** The comment the message became or carried; null for the mail that opened the ticket. */
    commentId: integer('comment_id').references(() => ticketComments.id),
    fromAddress: text('from_address').notNull(),
    attachments: text('attachments', { mode: 'json' }).$type<EmailAttachmentMeta[]>().notNull().default([]),
    createdAt: integer('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index('email_messages_ticket_idx').on(t.ticketId, t.id)],
);

export type EmailMessage = typeof emailMessages.$inferSelect;

import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { TICKET_STATUSES } from './tickets';
import { users } from './users';

const now = sql`(unixepoch('subsec') * 1000)`;

/**
 * Macros (canned responses): text an agent inserts into the co-edited reply,
 * with placeholders filled in for the ticket (worker/macros/macro-placeholders.ts).
 * Shared by the whole team; admins and owners write them.
 */
export const macros = sqliteTable('macros', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  title: text('title').notNull().unique(),
  /** Plain text; a blank line starts a new paragraph. */
  body: text('body').notNull(),
  /** The status "Send and set" offers once the macro is inserted; null leaves the agent's choice alone. */
  status: text('status', { enum: TICKET_STATUSES }),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: integer('created_at').notNull().default(now),
  updatedAt: integer('updated_at').notNull().default(now),
});

export type Macro = typeof macros.$inferSelect;

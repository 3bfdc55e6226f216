import { sql } from 'drizzle-orm';
import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';

const now = sql`(unixepoch('subsec') * 1000)`;

/**
 * Deflection: how often each article was suggested to someone typing a ticket
 * subject (`shown`) and how often it was opened from there (`clicked`). One row per
 * article, counters only; the search triggers (0001_search.sql) drop it with the article.
 */
export const kbSuggestionStats = sqliteTable('kb_suggestion_stats', {
  /** A kb_articles id; no foreign key, so deleting an article is never blocked by its counters. */
  articleId: integer('article_id').primaryKey(),
  shown: integer('shown').notNull().default(0),
  clicked: integer('clicked').notNull().default(0),
  updatedAt: integer('updated_at').notNull().default(now),
});

export type KbSuggestionStats = typeof kbSuggestionStats.$inferSelect;

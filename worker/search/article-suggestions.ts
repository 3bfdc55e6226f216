import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { auditStatement, type AuditActor } from '../audit/audit-log';
import { kbArticles, type KbLocale, type KbStatus } from '../db/tenant/kb';
import { kbSuggestionStats } from '../db/tenant/kb-suggestions';
import type { TenantDb } from '../tenancy/tenant-db';
import { searchArticles, type ArticleHit } from './article-search';
import { ftsExpression, parseSearchInput } from './search-query';

// Deflection: while a customer types a ticket subject, the published public
// articles that best answer it; and the counts of how often each was shown and
// opened from there, which tell which articles deflect tickets.

export const SUGGESTION_EVENTS = ['shown', 'clicked'] as const;
export type SuggestionEvent = (typeof SUGGESTION_EVENTS)[number];

/**
 * Best published public articles for a subject, whoever asks (a suggestion is for
 * the customer's eyes). Any word may match: a typed sentence rarely matches one
 * article word for word, and bm25 ranks the articles matching most words first.
 */
export async function suggestArticles(db: TenantDb, subject: string, locale: KbLocale | undefined, limit: number): Promise<ArticleHit[]> {
  const query = parseSearchInput(subject);
  if (!query) return [];
  const page = await searchArticles(db, { match: ftsExpression(query, 'any'), seesInternalArticles: false, filters: { locale }, limit });
  return page.items;
}

/**
 * Counts one `event` for each of `articleIds` that is a published public article
 * (others are ignored: a stale list may name an article unpublished since), with
 * its audit row in the same batch. Returns how many were counted.
 */
export async function recordSuggestionEvent(db: TenantDb, actor: AuditActor, event: SuggestionEvent, articleIds: readonly number[]): Promise<number> {
  const ids = [...new Set(articleIds)].sort((a, b) => a - b);
  const shown = event === 'shown' ? 1 : 0;
  const clicked = event === 'clicked' ? 1 : 0;
  const counts = db
    .insert(kbSuggestionStats)
    .select(
      db
        // drizzle's insert-select wants every column of the table, in order.
        .select({
          articleId: kbArticles.id,
          shown: sql<number>`${shown}`.as('shown'),
          clicked: sql<number>`${clicked}`.as('clicked'),
          updatedAt: sql<number>`(unixepoch('subsec') * 1000)`.as('updated_at'),
        })
        .from(kbArticles)
        .where(and(inArray(kbArticles.id, ids), eq(kbArticles.status, 'published'), eq(kbArticles.visibility, 'public'))),
    )
    .onConflictDoUpdate({
      target: kbSuggestionStats.articleId,
      set: {
        shown: sql`${kbSuggestionStats.shown} + excluded.shown`,
        clicked: sql`${kbSuggestionStats.clicked} + excluded.clicked`,
        updatedAt: sql`(unixepoch('subsec') * 1000)`,
      },
    })
    .returning({ articleId: kbSuggestionStats.articleId });
  const [counted] = await db.batch([
    counts,
    auditStatement(db, actor, { action: `kb_suggestion.${event}`, targetType: 'kb_article', targetId: ids.join(','), after: { article_ids: ids } }),
  ]);
  return counted.length;
}

export interface SuggestionStats {
  article: { id: number; title: string; slug: string; locale: KbLocale; status: KbStatus };
  shown: number;
  clicked: number;
  updatedAt: number;
}

/**
 * The articles suggested most often, each with how often it was shown and
 * opened from a suggestion: most opened first, then most shown. Articles
 * unpublished since keep their counts (the status says so); deleted ones drop out.
 */
export async function suggestionStats(db: TenantDb, limit: number): Promise<SuggestionStats[]> {
  const rows = await db
    .select({
      id: kbArticles.id,
      title: kbArticles.title,
      slug: kbArticles.slug,
      locale: kbArticles.locale,
      status: kbArticles.status,
      shown: kbSuggestionStats.shown,
      clicked: kbSuggestionStats.clicked,
      updatedAt: kbSuggestionStats.updatedAt,
    })
    .from(kbSuggestionStats)
    .innerJoin(kbArticles, eq(kbArticles.id, kbSuggestionStats.articleId))
    .orderBy(desc(kbSuggestionStats.clicked), desc(kbSuggestionStats.shown), kbArticles.id)
    .limit(limit)
    .all();
  return rows.map(({ shown, clicked, updatedAt, ...article }) => ({ article, shown, clicked, updatedAt }));
}

import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { auditStatement, type AuditActor } from '../audit/audit-log';
import { kbArticles, kbRatings, type KbRating } from '../db/tenant/kb';
import type { TenantDb } from '../tenancy/tenant-db';

// Ratings: one per signed-in user or per anonymous visitor per article. Rating
// again changes the earlier rating; the article's counts are recounted in the
// same batch, so they always equal the ratings.

export type Rater = { userId: number } | { visitorId: string };

export interface RatingCounts {
  helpfulCount: number;
  notHelpfulCount: number;
}

export async function rateArticle(
  db: TenantDb,
  actor: AuditActor,
  articleId: number,
  rater: Rater,
  rating: { helpful: boolean; comment: string | null },
): Promise<RatingCounts> {
  const now = Date.now();
  const byUser = 'userId' in rater;
  const insert = db
    .insert(kbRatings)
    .values({ articleId, ...rater, helpful: rating.helpful, comment: rating.comment, createdAt: now, updatedAt: now });
  const set = { helpful: rating.helpful, comment: rating.comment, updatedAt: now };
  const count = (helpful: boolean) =>
    sql`(select count(*) from ${kbRatings} where ${kbRatings.articleId} = ${articleId} and ${kbRatings.helpful} = ${helpful ? 1 : 0})`;
  const [, [counts]] = await db.batch([
    byUser
      ? insert.onConflictDoUpdate({ target: [kbRatings.articleId, kbRatings.userId], set })
      : insert.onConflictDoUpdate({ target: [kbRatings.articleId, kbRatings.visitorId], set }),
    db
      .update(kbArticles)
      .set({ helpfulCount: count(true), notHelpfulCount: count(false) })
      .where(eq(kbArticles.id, articleId))
      .returning({ helpfulCount: kbArticles.helpfulCount, notHelpfulCount: kbArticles.notHelpfulCount }),
    auditStatement(db, actor, {
      action: 'kb_article.rate',
      targetType: 'kb_article',
      targetId: articleId,
      after: { helpful: rating.helpful, comment: rating.comment, by: byUser ? 'user' : 'visitor' },
    }),
  ]);
  if (!counts) throw new Error('the rated article is missing');
  return counts;
}

/** The caller's own rating of the article, if any. */
export async function findRating(db: TenantDb, articleId: number, rater: Rater): Promise<KbRating | null> {
  const who = 'userId' in rater ? eq(kbRatings.userId, rater.userId) : eq(kbRatings.visitorId, rater.visitorId);
  return (await db.select().from(kbRatings).where(and(eq(kbRatings.articleId, articleId), who)).get()) ?? null;
}

/** Ratings newest first, for the writers to read the comments. */
export function listRatings(db: TenantDb, articleId: number, page: { beforeId?: number; limit: number }): Promise<KbRating[]> {
  return db
    .select()
    .from(kbRatings)
    .where(and(eq(kbRatings.articleId, articleId), page.beforeId ? lt(kbRatings.id, page.beforeId) : undefined))
    .orderBy(desc(kbRatings.id))
    .limit(page.limit)
    .all();
}

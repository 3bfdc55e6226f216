import { and, desc, eq, getTableColumns, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { kbArticles, kbArticleTags, type KbArticle, type KbLocale, type KbStatus, type KbVisibility } from '../db/tenant/kb';
import { users } from '../db/tenant/users';
import type { TenantDb } from '../tenancy/tenant-db';

// Reading articles. Who may see what is decided here, once: readers without
// `kb:read_internal` see only published public articles, and everything else
// is, for them, not there at all.

export interface ArticleRecord extends KbArticle {
  tags: string[];
  author: { id: number; name: string };
}

export type ArticleListItem = Omit<KbArticle, 'bodyMarkdown' | 'bodyHtml' | 'authorId'> & { tags: string[] };

/** Whether a reader without `kb:read_internal` may see the article. */
export const isPubliclyVisible = (a: Pick<KbArticle, 'status' | 'visibility'>): boolean =>
  a.status === 'published' && a.visibility === 'public';

const publicOnly = and(eq(kbArticles.status, 'published'), eq(kbArticles.visibility, 'public'));

async function tagsOf(db: TenantDb, ids: readonly number[]): Promise<Map<number, string[]>> {
  const byArticle = new Map<number, string[]>();
  if (ids.length === 0) return byArticle;
  const rows = await db
    .select()
    .from(kbArticleTags)
    .where(inArray(kbArticleTags.articleId, [...ids]))
    .orderBy(kbArticleTags.articleId, kbArticleTags.tag)
    .all();
  for (const row of rows) byArticle.set(row.articleId, [...(byArticle.get(row.articleId) ?? []), row.tag]);
  return byArticle;
}

async function oneArticle(db: TenantDb, where: SQL | undefined, staff: boolean): Promise<ArticleRecord | null> {
  const row = await db
    .select({ article: kbArticles, author: { id: users.id, name: users.name } })
    .from(kbArticles)
    .innerJoin(users, eq(users.id, kbArticles.authorId))
    .where(staff ? where : and(where, publicOnly))
    .get();
  if (!row) return null;
  return { ...row.article, author: row.author, tags: (await tagsOf(db, [row.article.id])).get(row.article.id) ?? [] };
}

/** The article with this id, if the reader may see it. */
export function findArticle(db: TenantDb, id: number, staff: boolean): Promise<ArticleRecord | null> {
  return oneArticle(db, eq(kbArticles.id, id), staff);
}

/** The article with this slug in this locale, if the reader may see it. */
export function findArticleBySlug(db: TenantDb, locale: KbLocale, slug: string, staff: boolean): Promise<ArticleRecord | null> {
  return oneArticle(db, and(eq(kbArticles.locale, locale), eq(kbArticles.slug, slug)), staff);
}

export interface ArticleFilter {
  staff: boolean;
  status?: KbStatus;
  visibility?: KbVisibility;
  locale?: KbLocale;
  categoryId?: number;
  tag?: string;
  translationGroup?: string;
  beforeId?: number;
  /** Rows to read: one more than the page, to know whether another page follows. */
  limit: number;
}

/** Articles newest first (by id), filtered, keyset-paged. */
export async function listArticles(db: TenantDb, f: ArticleFilter): Promise<ArticleListItem[]> {
  const where = and(
    f.staff ? undefined : publicOnly,
    f.status ? eq(kbArticles.status, f.status) : undefined,
    f.visibility ? eq(kbArticles.visibility, f.visibility) : undefined,
    f.locale ? eq(kbArticles.locale, f.locale) : undefined,
    f.categoryId ? eq(kbArticles.categoryId, f.categoryId) : undefined,
    f.translationGroup ? eq(kbArticles.translationGroup, f.translationGroup) : undefined,
    f.tag
      ? sql`exists (select 1 from ${kbArticleTags} where ${kbArticleTags.articleId} = ${kbArticles.id} and ${kbArticleTags.tag} = ${f.tag})`
      : undefined,
    f.beforeId ? lt(kbArticles.id, f.beforeId) : undefined,
  );
  const { bodyMarkdown: _m, bodyHtml: _h, authorId: _a, ...listed } = getTableColumns(kbArticles);
  const rows = await db.select(listed).from(kbArticles).where(where).orderBy(desc(kbArticles.id)).limit(f.limit).all();
  const tags = await tagsOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, tags: tags.get(r.id) ?? [] }));
}

/** Counts one public read. Not audited: a view changes no content, and reads are the hot path. */
export async function countView(db: TenantDb, at: { id: number } | { locale: KbLocale; slug: string }): Promise<void> {
  const where = 'id' in at ? eq(kbArticles.id, at.id) : and(eq(kbArticles.locale, at.locale), eq(kbArticles.slug, at.slug));
  await db
    .update(kbArticles)
    .set({ viewCount: sql`${kbArticles.viewCount} + 1` })
    .where(and(where, publicOnly));
}

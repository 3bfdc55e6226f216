import { and, eq, sql } from 'drizzle-orm';
import { auditStatement, type AuditActor } from '../audit/audit-log';
import { attachments } from '../db/tenant/attachments';
import { kbArticles, kbArticleTags, kbArticleVersions, kbRatings, type KbLocale, type KbStatus, type KbVisibility } from '../db/tenant/kb';
import type { TenantDb } from '../tenancy/tenant-db';
import { articleHtml } from './article-html';
import type { ArticleRecord } from './article-store';

// Writing articles. Each save is one D1 batch: the article, its version row, its
// tags and the audit row are written together or not at all. Expected refusals
// (a slug or a locale already taken, a concurrent save) come back as values.

export interface ArticleContent {
  title: string;
  slug: string;
  summary: string;
  bodyMarkdown: string;
  categoryId: number | null;
  tags: string[];
  status: KbStatus;
  visibility: KbVisibility;
}

export type ArticleWriteRefusal = 'slug_taken' | 'locale_taken' | 'stale_version';
export type ArticleWrite<T> = { ok: true; value: T } | { ok: false; reason: ArticleWriteRefusal };

function refusalOf(error: unknown): ArticleWriteRefusal | null {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.message.includes('kb_articles.locale, kb_articles.slug')) return 'slug_taken';
    if (e.message.includes('kb_articles.translation_group, kb_articles.locale')) return 'locale_taken';
    if (e.message.includes('kb_article_versions.article_id, kb_article_versions.version')) return 'stale_version';
  }
  return null;
}

async function refusingClashes<T>(write: () => Promise<T>): Promise<ArticleWrite<T>> {
  try {
    return { ok: true, value: await write() };
  } catch (error) {
    const reason = refusalOf(error);
    if (reason) return { ok: false, reason };
    throw error;
  }
}

const uniqueTags = (tags: readonly string[]): string[] => [...new Set(tags)].sort();

/** What the audit log keeps of an article: everything but the rendered HTML. */
const auditView = (a: Partial<ArticleContent> & { locale?: KbLocale }) => ({
  title: a.title,
  slug: a.slug,
  locale: a.locale,
  summary: a.summary,
  body_markdown: a.bodyMarkdown,
  category_id: a.categoryId,
  tags: a.tags,
  status: a.status,
  visibility: a.visibility,
});

/** Creates an article (a translation when `translationGroup` is an existing article's) with its version 1. */
export function createArticle(
  db: TenantDb,
  actor: AuditActor,
  authorId: number,
  input: ArticleContent & { locale: KbLocale; translationGroup: string | null },
): Promise<ArticleWrite<number>> {
  return refusingClashes(async () => {
    const now = Date.now();
    const tags = uniqueTags(input.tags);
    const newId = sql`(select ${kbArticles.id} from ${kbArticles} where ${kbArticles.locale} = ${input.locale} and ${kbArticles.slug} = ${input.slug})`;
    const [[created]] = await db.batch([
      db
        .insert(kbArticles)
        .values({
          categoryId: input.categoryId,
          slug: input.slug,
          locale: input.locale,
          translationGroup: input.translationGroup ?? crypto.randomUUID(),
          title: input.title,
          summary: input.summary,
          bodyMarkdown: input.bodyMarkdown,
          bodyHtml: await articleHtml(input.bodyMarkdown),
          status: input.status,
          visibility: input.visibility,
          authorId,
          publishedAt: input.status === 'published' ? now : null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        })
        .returning({ id: kbArticles.id }),
      db.insert(kbArticleVersions).values({
        articleId: newId,
        version: 1,
        title: input.title,
        summary: input.summary,
        bodyMarkdown: input.bodyMarkdown,
        authorId,
        createdAt: now,
      }),
      ...tags.map((tag) => db.insert(kbArticleTags).values({ articleId: newId, tag })),
      auditStatement(db, actor, {
        action: input.translationGroup ? 'kb_article.translate' : 'kb_article.create',
        targetType: 'kb_article',
        targetId: newId,
        after: auditView({ ...input, tags }),
      }),
    ]);
    if (!created) throw new Error('the article insert returned no row');
    return created.id;
  });
}

/**
 * Saves changes as the next version. The update only matches the version the
 * caller read; if another save came first, the version row of the same number
 * already exists, the batch fails on it, and the result is `stale_version`.
 */
export function updateArticle(
  db: TenantDb,
  actor: AuditActor,
  authorId: number,
  current: ArticleRecord,
  changes: Partial<ArticleContent>,
): Promise<ArticleWrite<number>> {
  return refusingClashes(async () => {
    const now = Date.now();
    const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<ArticleContent>;
    const next = { ...current, ...given, tags: uniqueTags(given.tags ?? current.tags) };
    const version = current.version + 1;
    const publishing = next.status === 'published' && current.status !== 'published';
    const changed = Object.keys(given) as (keyof ArticleContent)[];
    const pick = (a: Partial<ArticleContent>) => auditView(Object.fromEntries(changed.map((k) => [k, a[k]])));
    const tagStatements =
      given.tags === undefined
        ? []
        : [
            db.delete(kbArticleTags).where(eq(kbArticleTags.articleId, current.id)),
            ...next.tags.map((tag) => db.insert(kbArticleTags).values({ articleId: current.id, tag })),
          ];
    const [updated] = await db.batch([
      db
        .update(kbArticles)
        .set({
          categoryId: next.categoryId,
          slug: next.slug,
          title: next.title,
          summary: next.summary,
          bodyMarkdown: next.bodyMarkdown,
          bodyHtml: given.bodyMarkdown === undefined ? current.bodyHtml : await articleHtml(next.bodyMarkdown),
          status: next.status,
          visibility: next.visibility,
          publishedAt: publishing ? now : current.publishedAt,
          updatedAt: now,
          version,
        })
        .where(and(eq(kbArticles.id, current.id), eq(kbArticles.version, current.version)))
        .returning({ id: kbArticles.id }),
      db.insert(kbArticleVersions).values({
        articleId: current.id,
        version,
        title: next.title,
        summary: next.summary,
        bodyMarkdown: next.bodyMarkdown,
        authorId,
        createdAt: now,
      }),
      ...tagStatements,
      auditStatement(db, actor, {
        action: 'kb_article.update',
        targetType: 'kb_article',
        targetId: current.id,
        before: { ...pick(current), version: current.version },
        after: { ...pick(next), version },
      }),
    ]);
    if (updated.length === 0) throw new Error('the article update matched no row');
    return current.id;
  });
}

/**
 * Deletes the article with its versions, tags, ratings and images (its
 * translations stay). The images' R2 objects go first, as the attachment purge
 * does it: a row whose object is gone is harmless, an object without a row
 * would be stranded for ever.
 */
export async function deleteArticle(db: TenantDb, bucket: R2Bucket, actor: AuditActor, article: ArticleRecord): Promise<void> {
  const images = await db.select({ r2Key: attachments.r2Key }).from(attachments).where(eq(attachments.articleId, article.id)).all();
  if (images.length > 0) await bucket.delete(images.map((i) => i.r2Key));
  await db.batch([
    db.delete(attachments).where(eq(attachments.articleId, article.id)),
    db.delete(kbRatings).where(eq(kbRatings.articleId, article.id)),
    db.delete(kbArticleTags).where(eq(kbArticleTags.articleId, article.id)),
    db.delete(kbArticleVersions).where(eq(kbArticleVersions.articleId, article.id)),
    db.delete(kbArticles).where(eq(kbArticles.id, article.id)),
    auditStatement(db, actor, {
      action: 'kb_article.delete',
      targetType: 'kb_article',
      targetId: article.id,
      before: { ...auditView(article), locale: article.locale, version: article.version, images: images.length },
    }),
  ]);
}

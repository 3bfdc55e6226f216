import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { kbArticles, kbArticleVersions, kbCategories } from '../../worker/db/tenant/kb';
import { tenantCall, type TestTenant, type TestUser } from './harness';

// Knowledge-base objects made through the API, as a writer would.

export interface ArticleJson {
  id: number;
  slug: string;
  locale: 'en' | 'ru';
  translation_group: string;
  title: string;
  summary: string;
  body_markdown: string;
  body_html: string;
  status: 'draft' | 'published' | 'archived';
  visibility: 'public' | 'internal';
  category_id: number | null;
  tags: string[];
  view_count: number;
  helpful_count: number;
  not_helpful_count: number;
  version: number;
  published_at: string | null;
  author: { id: number; name: string };
}

export interface CategoryJson {
  id: number;
  parent_id: number | null;
  position: number;
  depth: number;
  slug: string;
  names: { en?: string; ru?: string };
  visibility: 'public' | 'internal';
}

let unique = 0;

export async function json<T>(response: Response, status: number): Promise<T> {
  expect(response.status, await response.clone().text()).toBe(status);
  return (await response.json()) as T;
}

export async function writeArticle(tenant: TestTenant, writer: TestUser, fields: Record<string, unknown> = {}): Promise<ArticleJson> {
  const n = unique++;
  const body = { title: `Printer offline ${n}`, locale: 'en', body_markdown: 'Turn it **off** and on.', status: 'published', ...fields };
  return json<ArticleJson>(await tenantCall(tenant, 'POST', '/api/v1/kb/articles', { token: writer.token, body }), 201);
}

export async function makeCategory(tenant: TestTenant, writer: TestUser, fields: Record<string, unknown> = {}): Promise<CategoryJson> {
  const n = unique++;
  const body = { slug: `category-${n}`, names: { en: `Category ${n}` }, ...fields };
  return json<CategoryJson>(await tenantCall(tenant, 'POST', '/api/v1/kb/categories', { token: writer.token, body }), 201);
}

export async function editArticle(tenant: TestTenant, writer: TestUser, id: number, body: Record<string, unknown>): Promise<ArticleJson> {
  return json<ArticleJson>(await tenantCall(tenant, 'PATCH', `/api/v1/kb/articles/${id}`, { token: writer.token, body }), 200);
}

/** The knowledge-base objects the endpoint catalogue names (see Targets). */
export interface KbTargets {
  /** A public category with one child, `kbSubcategoryId` (empty: it may be deleted). */
  kbCategoryId: number;
  kbSubcategoryId: number;
  /** A published public English article in `kbCategoryId`, at version 1, written through the API. */
  kbArticleId: number;
  kbArticleSlug: string;
}

/**
 * Written straight into the database, as the API would store them: the
 * matrices build targets for every call, and HTTP round trips would dominate.
 * (kb-categories and kb-articles tests cover creating them through the API.)
 */
export async function kbTargets(tenant: TestTenant, staff: TestUser): Promise<KbTargets> {
  const n = `${Date.now().toString(36)}-${(unique++).toString(36)}`;
  const db = tenant.db;
  const categorySlug = `targets-${n}`;
  const articleSlug = `target-article-${n}`;
  const categoryId = sql`(select ${kbCategories.id} from ${kbCategories} where ${kbCategories.slug} = ${categorySlug})`;
  const articleId = sql`(select ${kbArticles.id} from ${kbArticles} where ${kbArticles.locale} = 'en' and ${kbArticles.slug} = ${articleSlug})`;
  const [[category], [subcategory], [article]] = await db.batch([
    db.insert(kbCategories).values({ slug: categorySlug, names: { en: 'Targets' } }).returning({ id: kbCategories.id }),
    db.insert(kbCategories).values({ slug: `${categorySlug}-child`, names: { en: 'Child' }, parentId: categoryId }).returning({ id: kbCategories.id }),
    db
      .insert(kbArticles)
      .values({
        categoryId,
        slug: articleSlug,
        locale: 'en',
        translationGroup: crypto.randomUUID(),
        title: 'Target article',
        bodyMarkdown: 'Turn it off and on.',
        bodyHtml: '<p>Turn it off and on.</p>\n',
        status: 'published',
        visibility: 'public',
        authorId: staff.id,
        publishedAt: Date.now(),
      })
      .returning({ id: kbArticles.id }),
    db.insert(kbArticleVersions).values({ articleId, version: 1, title: 'Target article', bodyMarkdown: 'Turn it off and on.', authorId: staff.id }),
  ]);
  if (!category || !subcategory || !article) throw new Error('kb targets were not created');
  return { kbCategoryId: category.id, kbSubcategoryId: subcategory.id, kbArticleId: article.id, kbArticleSlug: articleSlug };
}

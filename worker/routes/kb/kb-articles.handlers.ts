import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { auditActor } from '../../audit/audit-log';
import type { AppEnv } from '../../http/app-env';
import { encodeCursor } from '../../http/cursor';
import { authorize, requireUser } from '../../http/guards';
import { ProblemError } from '../../http/problem';
import { purgeArticle } from '../../kb/article-cache';
import { findArticle, listArticles } from '../../kb/article-store';
import { createArticle, deleteArticle, updateArticle, type ArticleWriteRefusal } from '../../kb/article-writes';
import { findCategory } from '../../kb/category-store';
import { articleJson, articleListItemJson } from '../../kb/kb-json';
import { slugFromTitle } from '../../kb/kb-slug';
import { isStaffReader, visibleArticle } from './kb-access';
import type { createArticleRoute, deleteArticleRoute, listArticlesRoute, updateArticleRoute } from './kb-articles.routes';

const REFUSALS: Record<ArticleWriteRefusal, { code: string; field: string; detail: string }> = {
  slug_taken: { code: 'slug-taken', field: 'slug', detail: 'is already taken by another article in this locale' },
  locale_taken: { code: 'translation-exists', field: 'locale', detail: 'already has a translation of this article' },
  stale_version: { code: 'stale-version', field: 'version', detail: 'is not the latest: the article was saved since; reload it' },
};

/** The problem for a refused article write. */
export function refused(reason: ArticleWriteRefusal): ProblemError {
  const { code, field, detail } = REFUSALS[reason];
  return new ProblemError(409, code, `The article could not be saved: ${field} ${detail}.`, { errors: [{ field, detail }] });
}

/** A category named in a body must exist. */
export async function checkCategory(c: Context<AppEnv>, categoryId: number | null | undefined): Promise<void> {
  if (categoryId === null || categoryId === undefined) return;
  if (!(await findCategory(c.get('db'), categoryId, true))) {
    throw new ProblemError(422, 'validation', 'The request body has invalid fields.', { errors: [{ field: 'category_id', detail: 'is not a category' }] });
  }
}

/** The article as saved, read back for the answer. */
export async function savedArticle(c: Context<AppEnv>, id: number) {
  const article = await findArticle(c.get('db'), id, true);
  if (!article) throw new Error('a saved article is missing');
  return articleJson(article);
}

export const list: RouteHandler<typeof listArticlesRoute, AppEnv> = async (c) => {
  const query = c.req.valid('query');
  const rows = await listArticles(c.get('db'), {
    staff: isStaffReader(c),
    status: query.status,
    visibility: query.visibility,
    locale: query.locale,
    categoryId: query.category,
    tag: query.tag,
    beforeId: query.cursor?.id,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return c.json({ items: page.map(articleListItemJson), next_cursor: rows.length > query.limit && last ? encodeCursor({ id: last.id }) : null }, 200);
};

export const create: RouteHandler<typeof createArticleRoute, AppEnv> = async (c) => {
  const principal = authorize(c, 'kb:write');
  const body = c.req.valid('json');
  await checkCategory(c, body.category_id);
  const result = await createArticle(c.get('db'), auditActor(c), principal.userId, {
    title: body.title,
    slug: body.slug ?? slugFromTitle(body.title),
    locale: body.locale,
    summary: body.summary ?? '',
    bodyMarkdown: body.body_markdown,
    categoryId: body.category_id ?? null,
    tags: body.tags ?? [],
    status: body.status ?? 'draft',
    visibility: body.visibility ?? 'public',
    translationGroup: null,
  });
  if (!result.ok) throw refused(result.reason);
  return c.json(await savedArticle(c, result.value), 201);
};

export const update: RouteHandler<typeof updateArticleRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  requireUser(c);
  const current = await visibleArticle(c, id);
  const principal = authorize(c, 'kb:write');
  if (body.version !== undefined && body.version !== current.version) throw refused('stale_version');
  await checkCategory(c, body.category_id);
  const result = await updateArticle(c.get('db'), auditActor(c), principal.userId, current, {
    title: body.title,
    slug: body.slug,
    summary: body.summary,
    bodyMarkdown: body.body_markdown,
    categoryId: body.category_id,
    tags: body.tags,
    status: body.status,
    visibility: body.visibility,
  });
  if (!result.ok) throw refused(result.reason);
  const saved = await savedArticle(c, id);
  await purgeArticle(c.env.APP_DOMAIN, c.get('tenant'), current, saved);
  return c.json(saved, 200);
};

export const remove: RouteHandler<typeof deleteArticleRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  requireUser(c);
  const article = await visibleArticle(c, id);
  authorize(c, 'kb:write');
  await deleteArticle(c.get('db'), c.env.ATTACHMENTS, auditActor(c), article);
  await purgeArticle(c.env.APP_DOMAIN, c.get('tenant'), article);
  return c.body(null, 204);
};

import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../http/app-env';
import { notFound } from '../../http/problem';
import {
  articleCacheKey,
  articleEtag,
  cacheArticle,
  cachedArticle,
  ifNoneMatchHits,
  PUBLIC_MAX_AGE_SECONDS,
} from '../../kb/article-cache';
import { countView, findArticle, findArticleBySlug, isPubliclyVisible, type ArticleRecord } from '../../kb/article-store';
import { articleJson } from '../../kb/kb-json';
import type { KbLocale } from '../../db/tenant/kb';
import { isStaffReader } from './kb-access';
import type { getArticleBySlugRoute, getArticleRoute } from './kb-articles.routes';

// Reading one article. A published public article is answered from the Cache API
// when it can be, with a weak ETag (304 when the client has it) and a public
// Cache-Control; every other article is private to staff and never cached.
// Views are counted after the answer (waitUntil), and only for readers who are
// not staff: the writers' own previews are not readership.

type ArticleAt = { id: number } | { locale: KbLocale; slug: string };

const PUBLIC_CACHE_CONTROL = `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`;

/**
 * The answer to send: 304 when the client already holds this version. Built
 * with `c.body` so headers set earlier in the request (a renewed session
 * cookie) still go out.
 */
async function answer(c: Context<AppEnv>, stored: Response): Promise<Response> {
  const etag = stored.headers.get('etag') ?? '';
  if (ifNoneMatchHits(c.req.header('if-none-match'), etag)) {
    return c.body(null, 304, { etag, 'cache-control': PUBLIC_CACHE_CONTROL });
  }
  return c.body(await stored.text(), 200, Object.fromEntries(stored.headers));
}

async function readArticle(c: Context<AppEnv>, at: ArticleAt, find: (staff: boolean) => Promise<ArticleRecord | null>): Promise<Response> {
  const db = c.get('db');
  const staff = isStaffReader(c);
  const count = () => {
    if (!staff) c.executionCtx.waitUntil(countView(db, at));
  };
  const key = articleCacheKey(c.env.APP_DOMAIN, c.get('tenant'), at);
  const hit = await cachedArticle(key);
  if (hit) {
    count();
    return answer(c, hit);
  }
  const article = await find(staff);
  if (!article) throw notFound('The article');
  const body = JSON.stringify(articleJson(article));
  if (!isPubliclyVisible(article)) {
    return c.body(body, 200, { 'content-type': 'application/json', 'cache-control': 'private, no-store' });
  }
  const stored = new Response(body, {
    headers: { 'content-type': 'application/json', etag: articleEtag(article), 'cache-control': PUBLIC_CACHE_CONTROL },
  });
  c.executionCtx.waitUntil(cacheArticle(key, stored.clone()));
  count();
  return answer(c, stored);
}

export const getById: RouteHandler<typeof getArticleRoute, AppEnv> = (c) => {
  const { id } = c.req.valid('param');
  return readArticle(c, { id }, (staff) => findArticle(c.get('db'), id, staff));
};

export const getBySlug: RouteHandler<typeof getArticleBySlugRoute, AppEnv> = (c) => {
  const { locale, slug } = c.req.valid('param');
  return readArticle(c, { locale, slug }, (staff) => findArticleBySlug(c.get('db'), locale, slug, staff));
};

import type { RouteHandler } from '@hono/zod-openapi';
import { auditActor } from '../../audit/audit-log';
import type { AppEnv } from '../../http/app-env';
import { encodeCursor } from '../../http/cursor';
import { authorize, requireUser } from '../../http/guards';
import { notFound } from '../../http/problem';
import { articleDiff, type VersionText } from '../../kb/article-diff';
import { listArticles } from '../../kb/article-store';
import { createArticle } from '../../kb/article-writes';
import { articleListItemJson, versionJson } from '../../kb/kb-json';
import { slugFromTitle } from '../../kb/kb-slug';
import { findVersion, listVersions } from '../../kb/version-store';
import { isStaffReader, visibleArticle } from './kb-access';
import type {
  createTranslationRoute,
  diffVersionRoute,
  getVersionRoute,
  listTranslationsRoute,
  listVersionsRoute,
} from './kb-article-history.routes';
import { checkCategory, refused, savedArticle } from './kb-articles.handlers';

/** Every article has at most one translation per locale, so a group is small. */
const MAX_TRANSLATIONS = 10;

export const createTranslation: RouteHandler<typeof createTranslationRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  requireUser(c);
  const original = await visibleArticle(c, id);
  const principal = authorize(c, 'kb:write');
  await checkCategory(c, body.category_id);
  const result = await createArticle(c.get('db'), auditActor(c), principal.userId, {
    title: body.title,
    slug: body.slug ?? slugFromTitle(body.title),
    locale: body.locale,
    summary: body.summary ?? '',
    bodyMarkdown: body.body_markdown,
    categoryId: body.category_id === undefined ? original.categoryId : body.category_id,
    tags: body.tags ?? original.tags,
    status: body.status ?? 'draft',
    visibility: body.visibility ?? original.visibility,
    translationGroup: original.translationGroup,
  });
  if (!result.ok) throw refused(result.reason);
  return c.json(await savedArticle(c, result.value), 201);
};

export const listTranslations: RouteHandler<typeof listTranslationsRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const article = await visibleArticle(c, id);
  const group = await listArticles(c.get('db'), { staff: isStaffReader(c), translationGroup: article.translationGroup, limit: MAX_TRANSLATIONS });
  return c.json({ items: group.filter((a) => a.id !== id).map(articleListItemJson) }, 200);
};

export const listArticleVersions: RouteHandler<typeof listVersionsRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const query = c.req.valid('query');
  requireUser(c);
  await visibleArticle(c, id);
  authorize(c, 'kb:read_internal');
  const rows = await listVersions(c.get('db'), id, { beforeVersion: query.cursor?.version, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return c.json(
    { items: page.map(versionJson), next_cursor: rows.length > query.limit && last ? encodeCursor({ version: last.version }) : null },
    200,
  );
};

export const getArticleVersion: RouteHandler<typeof getVersionRoute, AppEnv> = async (c) => {
  const { id, version } = c.req.valid('param');
  requireUser(c);
  await visibleArticle(c, id);
  authorize(c, 'kb:read_internal');
  const found = await findVersion(c.get('db'), id, version);
  if (!found) throw notFound('The version');
  return c.json(versionJson(found), 200);
};

const EMPTY = (version: number): VersionText => ({ version, title: '', summary: '', bodyMarkdown: '' });

export const diffArticleVersion: RouteHandler<typeof diffVersionRoute, AppEnv> = async (c) => {
  const { id, version } = c.req.valid('param');
  const { against } = c.req.valid('query');
  requireUser(c);
  await visibleArticle(c, id);
  authorize(c, 'kb:read_internal');
  const db = c.get('db');
  const to = await findVersion(db, id, version);
  if (!to) throw notFound('The version');
  const fromNumber = against ?? version - 1;
  const from = fromNumber === 0 ? EMPTY(0) : await findVersion(db, id, fromNumber);
  if (!from) throw notFound('The version to compare with');
  return c.json({ article_id: id, from_version: from.version, to_version: to.version, diff: articleDiff(from, to) }, 200);
};

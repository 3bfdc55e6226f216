import { createRoute, z } from '@hono/zod-openapi';
import { cursorParam, idPosition } from '../../http/cursor';
import { idParam, limitParam } from '../../http/fields';
import { idempotent } from '../../http/idempotency';
import { commonErrors, problemContent } from '../../http/openapi-schemas';
import { ArticleListItemSchema, ArticleSchema } from '../../kb/kb-json';
import { tagName } from '../../tickets/tag-name';
import {
  ANYONE,
  articleBody,
  articleSummary,
  articleTags,
  articleTitle,
  IdParams,
  kbLocale,
  kbSlug,
  kbStatus,
  kbVisibility,
  pathId,
  SOME_FIELD,
} from './kb.schemas';

// Knowledge-base articles. Published public articles are read without signing
// in, and their answers are cacheable; drafts, archived and internal articles
// exist only for staff. Writing is for staff.

const categoryId = pathId('category_id').nullable().openapi({ type: ['integer', 'null'] });

const articleFields = {
  title: articleTitle,
  slug: kbSlug.optional().openapi({ description: 'Made from the title when left out' }),
  summary: articleSummary.optional(),
  body_markdown: articleBody,
  category_id: categoryId.optional(),
  tags: articleTags.optional(),
  status: kbStatus.optional().openapi({ description: 'draft when left out' }),
  visibility: kbVisibility.optional().openapi({ description: 'public when left out' }),
};

export const CreateArticleBody = z.strictObject({ ...articleFields, locale: kbLocale }).openapi('CreateKbArticle');

const UpdateArticleBody = z
  .strictObject({
    title: articleTitle.optional(),
    slug: kbSlug.optional(),
    summary: articleSummary.optional(),
    body_markdown: articleBody.optional(),
    category_id: categoryId.optional(),
    tags: articleTags.optional(),
    status: kbStatus.optional(),
    visibility: kbVisibility.optional(),
    version: idParam.optional().openapi({ type: 'integer', description: 'The version the edit was made on: a later save answers 409' }),
  })
  .refine(...SOME_FIELD)
  .openapi('UpdateKbArticle');

const ArticleQuery = z.object({
  status: kbStatus.optional(),
  visibility: kbVisibility.optional(),
  locale: kbLocale.optional(),
  category: idParam.optional().openapi({ type: 'integer' }),
  tag: tagName.optional(),
  limit: limitParam,
  cursor: cursorParam(idPosition).optional(),
});

const SlugParams = z.object({
  locale: kbLocale.openapi({ param: { name: 'locale', in: 'path' } }),
  slug: kbSlug.openapi({ param: { name: 'slug', in: 'path' } }),
});

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const cacheable = {
  description: 'The article. Public ones carry a weak ETag and `Cache-Control: public, max-age=60`.',
  headers: { ETag: { schema: { type: 'string' as const } }, 'Cache-Control': { schema: { type: 'string' as const } } },
  content: { 'application/json': { schema: ArticleSchema } },
};
const notModified = { description: 'Not modified (If-None-Match named the current ETag)' };
const conflict = { description: 'The slug or locale is taken, or another save came first', content: problemContent };

export const ArticlePage = z.object({ items: z.array(ArticleListItemSchema), next_cursor: z.string().nullable() }).openapi('KbArticlePage');

export const listArticlesRoute = createRoute({
  method: 'get',
  path: '/kb/articles',
  tags: ['Knowledge base'],
  summary: 'Articles, newest first (published public ones without signing in; staff see all)',
  security: ANYONE,
  request: { query: ArticleQuery },
  responses: { 200: json(ArticlePage, 'A page of articles'), 400: commonErrors[400] },
});

export const createArticleRoute = createRoute({
  method: 'post',
  path: '/kb/articles',
  tags: ['Knowledge base'],
  summary: 'Write an article (staff); it is version 1',
  middleware: [idempotent] as const,
  request: { body: { required: true, content: { 'application/json': { schema: CreateArticleBody } } } },
  responses: { 201: json(ArticleSchema, 'Created'), ...commonErrors, 409: conflict },
});

export const getArticleRoute = createRoute({
  method: 'get',
  path: '/kb/articles/{id}',
  tags: ['Knowledge base'],
  summary: 'One article',
  security: ANYONE,
  request: { params: IdParams },
  responses: { 200: cacheable, 304: notModified, 400: commonErrors[400], 404: commonErrors[404] },
});

export const getArticleBySlugRoute = createRoute({
  method: 'get',
  path: '/kb/articles/slug/{locale}/{slug}',
  tags: ['Knowledge base'],
  summary: 'One article by its locale and slug (the public URL)',
  security: ANYONE,
  request: { params: SlugParams },
  responses: { 200: cacheable, 304: notModified, 400: commonErrors[400], 404: commonErrors[404] },
});

export const updateArticleRoute = createRoute({
  method: 'patch',
  path: '/kb/articles/{id}',
  tags: ['Knowledge base'],
  summary: 'Edit, publish or archive an article (staff); every save is a new version',
  request: { params: IdParams, body: { required: true, content: { 'application/json': { schema: UpdateArticleBody } } } },
  responses: { 200: json(ArticleSchema, 'The article as it is now'), ...commonErrors, 409: conflict },
});

export const deleteArticleRoute = createRoute({
  method: 'delete',
  path: '/kb/articles/{id}',
  tags: ['Knowledge base'],
  summary: 'Delete an article with its history and ratings (staff); its translations stay',
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' }, ...commonErrors },
});

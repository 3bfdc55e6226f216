import { createRoute, z } from '@hono/zod-openapi';
import { cursorParam } from '../../http/cursor';
import { idParam, limitParam } from '../../http/fields';
import { idempotent } from '../../http/idempotency';
import { commonErrors, problemContent } from '../../http/openapi-schemas';
import { ArticleListItemSchema, ArticleSchema, VersionSchema } from '../../kb/kb-json';
import { CreateArticleBody } from './kb-articles.routes';
import { ANYONE, IdParams, pathId } from './kb.schemas';

// An article's other locales and its saved versions.

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

const VersionParams = z.object({ id: pathId('id'), version: pathId('version') });
const versionPosition = z.strictObject({ version: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

const CreateTranslationBody = CreateArticleBody.openapi('CreateKbTranslation', {
  description: 'Category, tags and visibility default to the original\u2019s.',
});

export const createTranslationRoute = createRoute({
  method: 'post',
  path: '/kb/articles/{id}/translations',
  tags: ['Knowledge base'],
  summary: 'Write the article in another locale, linked to it (staff)',
  middleware: [idempotent] as const,
  request: { params: IdParams, body: { required: true, content: { 'application/json': { schema: CreateTranslationBody } } } },
  responses: {
    201: json(ArticleSchema, 'The translation'),
    ...commonErrors,
    409: { description: 'The locale already has a translation, or the slug is taken', content: problemContent },
  },
});

export const listTranslationsRoute = createRoute({
  method: 'get',
  path: '/kb/articles/{id}/translations',
  tags: ['Knowledge base'],
  summary: 'The article in its other locales (those the caller may see)',
  security: ANYONE,
  request: { params: IdParams },
  responses: {
    200: json(z.object({ items: z.array(ArticleListItemSchema) }).openapi('KbTranslationList'), 'The translations'),
    400: commonErrors[400],
    404: commonErrors[404],
  },
});

export const listVersionsRoute = createRoute({
  method: 'get',
  path: '/kb/articles/{id}/versions',
  tags: ['Knowledge base'],
  summary: 'The article\u2019s saved versions, newest first, with their authors (staff)',
  request: { params: IdParams, query: z.object({ limit: limitParam, cursor: cursorParam(versionPosition).optional() }) },
  responses: {
    200: json(z.object({ items: z.array(VersionSchema), next_cursor: z.string().nullable() }).openapi('KbArticleVersionPage'), 'A page of versions'),
    ...commonErrors,
  },
});

export const getVersionRoute = createRoute({
  method: 'get',
  path: '/kb/articles/{id}/versions/{version}',
  tags: ['Knowledge base'],
  summary: 'One saved version (staff)',
  request: { params: VersionParams },
  responses: { 200: json(VersionSchema, 'The version'), ...commonErrors },
});

const DiffSchema = z
  .object({
    article_id: z.number().int(),
    from_version: z.number().int().openapi({ description: '0: the empty article before version 1' }),
    to_version: z.number().int(),
    diff: z.string().openapi({ description: 'Unified diff of "title:" and "summary:" header lines and the Markdown body' }),
  })
  .openapi('KbArticleDiff');

export const diffVersionRoute = createRoute({
  method: 'get',
  path: '/kb/articles/{id}/versions/{version}/diff',
  tags: ['Knowledge base'],
  summary: 'What a version changed: a unified diff against the one before it, or `against` (staff)',
  request: {
    params: VersionParams,
    query: z.object({ against: idParam.optional().openapi({ type: 'integer', description: 'The version to compare with; the previous one when left out' }) }),
  },
  responses: { 200: json(DiffSchema, 'The diff'), ...commonErrors },
});

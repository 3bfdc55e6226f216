import { createRoute, z } from '@hono/zod-openapi';
import { cursorParam, idPosition } from '../../http/cursor';
import { limitParam, text } from '../../http/fields';
import { commonErrors } from '../../http/openapi-schemas';
import { RatingSchema } from '../../kb/kb-json';
import { ANYONE, IdParams } from './kb.schemas';
import { anonymousWriteLimit, anonymousWriteLimited } from '../../http/anonymous-writes';

// "Was this article helpful?": one answer per signed-in user, or per anonymous
// visitor (the `wnp_visitor` cookie, set on the first rating). Answering again
// changes the earlier answer.

const RateBody = z
  .strictObject({ helpful: z.boolean({ message: 'must be true or false' }), comment: text({ max: 2000, multiline: true }).nullable().optional() })
  .openapi('RateKbArticle');

const RatingResult = z
  .object({
    article_id: z.number().int(),
    helpful_count: z.number().int(),
    not_helpful_count: z.number().int(),
    your_rating: z.object({ helpful: z.boolean(), comment: z.string().nullable() }),
  })
  .openapi('KbRatingResult');

export const rateArticleRoute = createRoute({
  method: 'post',
  path: '/kb/articles/{id}/ratings',
  tags: ['Knowledge base'],
  summary: 'Say whether the article helped, with an optional comment (anyone who may read it)',
  description: 'Signed-out visitors are limited per client address (429 with `Retry-After`).',
  security: ANYONE,
  middleware: [anonymousWriteLimit] as const,
  request: { params: IdParams, body: { required: true, content: { 'application/json': { schema: RateBody } } } },
  responses: {
    200: { description: 'The article\u2019s counts with the caller\u2019s rating', content: { 'application/json': { schema: RatingResult } } },
    ...commonErrors,
    429: anonymousWriteLimited,
  },
});

export const listRatingsRoute = createRoute({
  method: 'get',
  path: '/kb/articles/{id}/ratings',
  tags: ['Knowledge base'],
  summary: 'The article\u2019s ratings and comments, newest first (staff)',
  request: { params: IdParams, query: z.object({ limit: limitParam, cursor: cursorParam(idPosition).optional() }) },
  responses: {
    200: {
      description: 'A page of ratings',
      content: { 'application/json': { schema: z.object({ items: z.array(RatingSchema), next_cursor: z.string().nullable() }).openapi('KbRatingPage') } },
    },
    ...commonErrors,
  },
});

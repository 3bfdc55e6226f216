import { createRoute, z } from '@hono/zod-openapi';
import { commonErrors, problemContent } from '../../http/openapi-schemas';
import { SearchQuery, SearchResultsSchema, SuggestionEventBody, SuggestionSchema, SuggestionStatsQuery, SuggestionStatsSchema, SuggestQuery } from './search.schemas';
import { anonymousWriteLimit, anonymousWriteLimited } from '../../http/anonymous-writes';

/** Signed in or not: anonymous callers get the public part. */
const ANYONE: Record<string, string[]>[] = [{}, { sessionCookie: [] }, { bearer: [] }];

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

export const searchRoute = createRoute({
  method: 'get',
  path: '/search',
  tags: ['Search'],
  summary: 'Full-text search of tickets or knowledge-base articles, best match first',
  description:
    'Anonymous visitors and customers find published public articles; customers find their own tickets (public replies, ' +
    'never internal notes); staff find everything of their tenant. Ranked by bm25 with titles above bodies. When the query ' +
    'as typed finds nothing, a spelling-corrected query is tried and named in `corrected_query`. Follow `next_cursor` with ' +
    'the same `q` and filters.',
  security: ANYONE,
  request: { query: SearchQuery },
  responses: {
    200: { description: 'One page of hits', content: json(SearchResultsSchema) },
    400: { description: 'Bad parameters, or a query with nothing to search for', content: problemContent },
    401: commonErrors[401],
  },
});

export const suggestRoute = createRoute({
  method: 'get',
  path: '/kb/suggest',
  tags: ['Knowledge base'],
  summary: 'Articles that may answer a ticket subject, while the customer types it',
  description: 'Published public articles only, whoever asks; any word of the subject may match. Record what was shown and opened with POST /kb/suggest/events.',
  security: ANYONE,
  request: { query: SuggestQuery },
  responses: {
    200: { description: 'The best articles (possibly none)', content: json(z.object({ items: z.array(SuggestionSchema) }).openapi('KbSuggestions')) },
    400: commonErrors[400],
  },
});

export const suggestEventRoute = createRoute({
  method: 'post',
  path: '/kb/suggest/events',
  tags: ['Knowledge base'],
  summary: 'Count suggestions shown to, or opened by, someone typing a ticket subject',
  description:
    'Ids that are not published public articles are ignored; `recorded` says how many were counted. Signed-out callers are limited per client address (429 with `Retry-After`).',
  security: ANYONE,
  middleware: [anonymousWriteLimit] as const,
  request: { body: { required: true, content: json(SuggestionEventBody) } },
  responses: {
    200: { description: 'Counted', content: json(z.object({ recorded: z.number().int() }).openapi('KbSuggestionEventResult')) },
    422: commonErrors[422],
    429: anonymousWriteLimited,
  },
});

export const suggestionStatsRoute = createRoute({
  method: 'get',
  path: '/kb/suggest/stats',
  tags: ['Knowledge base'],
  summary: 'Which articles deflect tickets: how often each was suggested and opened (staff)',
  description: 'The `limit` articles suggested most, most opened first, then most shown.',
  request: { query: SuggestionStatsQuery },
  responses: {
    200: { description: 'The most suggested articles', content: json(z.object({ items: z.array(SuggestionStatsSchema) }).openapi('KbSuggestionStatsList')) },
    400: commonErrors[400],
    401: commonErrors[401],
    403: commonErrors[403],
  },
});

import { z } from '@hono/zod-openapi';
import { KB_LOCALES, KB_STATUSES, KB_VISIBILITIES } from '../../db/tenant/kb';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../db/tenant/tickets';
import { cursorParam } from '../../http/cursor';
import { idParam, iso, limitParam, repeatable, text } from '../../http/fields';
import { dateTime } from '../../http/openapi-schemas';
import type { ArticleHit } from '../../search/article-search';
import { RankedPosition } from '../../search/ranked-position';
import { SUGGESTION_EVENTS, type SuggestionStats } from '../../search/article-suggestions';
import type { TicketHit } from '../../search/ticket-search';

export const SEARCH_TYPES = ['tickets', 'articles'] as const;

/** Longer inputs are refused (400) rather than searched: nobody types a 500-character query. */
const MAX_QUERY = 500;

export const SearchQuery = z.strictObject({
  q: text({ max: MAX_QUERY }).openapi({
    description:
      'Words to find (all must match). Our own syntax only: `print*` for a prefix, `"paper jam"` for a phrase; ' +
      'other punctuation and FTS operators are plain text. Russian words match their other forms (печатает finds печатать).',
    example: 'принтер не печатает',
  }),
  type: z.enum(SEARCH_TYPES).default('articles').openapi({ description: 'What to search; tickets need a signed-in caller' }),
  status: repeatable(z.enum([...TICKET_STATUSES, ...KB_STATUSES]))
    .optional()
    .openapi({ type: 'string', description: 'Ticket statuses, or (staff) article statuses; repeatable or comma separated' }),
  assignee: z
    .string()
    .regex(/^(none|[1-9][0-9]{0,15})$/, 'must be none or a user id')
    .transform((v) => (v === 'none' ? v : Number(v)))
    .refine((v) => v === 'none' || v <= Number.MAX_SAFE_INTEGER, 'is too large')
    .optional()
    .openapi({ type: 'string', description: 'Tickets only: a user id, or `none` for unassigned' }),
  category: idParam.optional().openapi({ type: 'integer', description: 'Articles only: a category id' }),
  locale: z.enum(KB_LOCALES).optional().openapi({ description: 'Articles only' }),
  limit: limitParam.openapi({ type: 'integer', minimum: 1, maximum: 100, default: 25 }),
  cursor: cursorParam(RankedPosition).optional(),
});

const TicketHitSchema = z
  .object({
    kind: z.literal('ticket'),
    id: z.number().int(),
    subject: z.string(),
    subject_html: z.string().openapi({ description: 'The subject, HTML-escaped, matches in <mark>' }),
    snippet_html: z.string().openapi({ description: 'A passage of the description or the best comment, HTML-escaped, matches in <mark>' }),
    comment_id: z.number().int().nullable().openapi({ description: 'The comment the snippet comes from, if a comment matched best' }),
    status: z.enum(TICKET_STATUSES),
    priority: z.enum(TICKET_PRIORITIES),
    requester_id: z.number().int(),
    assignee_id: z.number().int().nullable(),
    score: z.number().openapi({ description: 'bm25: lower is better' }),
    updated_at: z.string(),
  })
  .openapi('TicketSearchHit');

const ArticleHitSchema = z
  .object({
    kind: z.literal('article'),
    id: z.number().int(),
    title: z.string(),
    title_html: z.string().openapi({ description: 'The title, HTML-escaped, matches in <mark>' }),
    snippet_html: z.string().openapi({ description: 'A passage, HTML-escaped, matches in <mark>' }),
    slug: z.string(),
    summary: z.string(),
    locale: z.enum(KB_LOCALES),
    category_id: z.number().int().nullable(),
    status: z.enum(KB_STATUSES),
    visibility: z.enum(KB_VISIBILITIES),
    score: z.number().openapi({ description: 'bm25: lower is better' }),
    updated_at: z.string(),
  })
  .openapi('ArticleSearchHit');

export const SearchResultsSchema = z
  .object({
    items: z.array(z.union([TicketHitSchema, ArticleHitSchema])),
    next_cursor: z.string().nullable(),
    corrected_query: z
      .string()
      .nullable()
      .openapi({ description: 'When the query as typed found nothing: the corrected query these results are for' }),
  })
  .openapi('SearchResults');

export const ticketHitJson = (h: TicketHit): z.infer<typeof TicketHitSchema> => ({
  kind: 'ticket',
  id: h.id,
  subject: h.subject,
  subject_html: h.subjectHtml,
  snippet_html: h.snippetHtml,
  comment_id: h.commentId,
  status: h.status,
  priority: h.priority,
  requester_id: h.requesterId,
  assignee_id: h.assigneeId,
  score: h.score,
  updated_at: iso(h.updatedAt),
});

export const articleHitJson = (h: ArticleHit): z.infer<typeof ArticleHitSchema> => ({
  kind: 'article',
  id: h.id,
  title: h.title,
  title_html: h.titleHtml,
  snippet_html: h.snippetHtml,
  slug: h.slug,
  summary: h.summary,
  locale: h.locale,
  category_id: h.categoryId,
  status: h.status,
  visibility: h.visibility,
  score: h.score,
  updated_at: iso(h.updatedAt),
});

export const SuggestQuery = z.strictObject({
  subject: text({ min: 0, max: MAX_QUERY }).openapi({ description: 'The ticket subject as typed so far', example: 'printer offline' }),
  locale: z.enum(KB_LOCALES).optional(),
  limit: z.coerce
    .number({ message: 'must be an integer from 1 to 10' })
    .int('must be an integer from 1 to 10')
    .min(1, 'must be an integer from 1 to 10')
    .max(10, 'must be an integer from 1 to 10')
    .default(5)
    .openapi({ type: 'integer', minimum: 1, maximum: 10, default: 5 }),
});

export const SuggestionSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    title_html: z.string(),
    slug: z.string(),
    summary: z.string(),
    locale: z.enum(KB_LOCALES),
  })
  .openapi('KbSuggestion');

export const suggestionJson = (h: ArticleHit): z.infer<typeof SuggestionSchema> => ({
  id: h.id,
  title: h.title,
  title_html: h.titleHtml,
  slug: h.slug,
  summary: h.summary,
  locale: h.locale,
});

export const SuggestionEventBody = z
  .strictObject({
    event: z.enum(SUGGESTION_EVENTS).openapi({ description: '`shown`: the list was displayed; `clicked`: one was opened' }),
    article_ids: z
      .array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER))
      .min(1, 'must name at least one article')
      .max(10, 'names at most 10 articles'),
  })
  .openapi('KbSuggestionEvent');

export const SuggestionStatsQuery = z.strictObject({ limit: limitParam });

export const SuggestionStatsSchema = z
  .object({
    article: z.object({ id: z.number().int(), title: z.string(), slug: z.string(), locale: z.enum(KB_LOCALES), status: z.enum(KB_STATUSES) }),
    shown: z.number().int().openapi({ description: 'Times it was suggested to someone typing a ticket subject' }),
    clicked: z.number().int().openapi({ description: 'Times it was opened from a suggestion' }),
    updated_at: dateTime,
  })
  .openapi('KbSuggestionStats');

export const suggestionStatsJson = (s: SuggestionStats): z.infer<typeof SuggestionStatsSchema> => ({
  article: s.article,
  shown: s.shown,
  clicked: s.clicked,
  updated_at: iso(s.updatedAt),
});

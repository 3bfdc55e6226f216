import type { RouteHandler } from '@hono/zod-openapi';
import { auditActor } from '../../audit/audit-log';
import type { TicketStatus } from '../../db/tenant/tickets';
import type { KbStatus } from '../../db/tenant/kb';
import { TICKET_STATUSES } from '../../db/tenant/tickets';
import { encodeCursor } from '../../http/cursor';
import type { AppEnv } from '../../http/app-env';
import { authorize } from '../../http/guards';
import { ProblemError } from '../../http/problem';
import { recordSuggestionEvent, suggestArticles, suggestionStats } from '../../search/article-suggestions';
import { searchArticlesFor, searchTicketsFor, type SearchOutcome } from '../../search/search-service';
import { searchViewer } from '../../search/search-viewer';
import { articleHitJson, suggestionJson, suggestionStatsJson, ticketHitJson } from './search.schemas';
import type { searchRoute, suggestEventRoute, suggestionStatsRoute, suggestRoute } from './search.routes';

const isTicketStatus = (s: string): s is TicketStatus => (TICKET_STATUSES as readonly string[]).includes(s);

const wrongFilter = (field: string, detail: string) =>
  new ProblemError(400, 'validation', 'The request query has invalid parameters.', { errors: [{ field, detail }] });

function pageOrProblem<T>(outcome: SearchOutcome<T>) {
  if (!outcome.ok) {
    throw new ProblemError(400, 'nothing-to-search', 'The query has no words to search for.', {
      errors: [{ field: 'q', detail: 'must contain a letter or a digit' }],
    });
  }
  return outcome.page;
}

export const search: RouteHandler<typeof searchRoute, AppEnv> = async (c) => {
  const query = c.req.valid('query');
  const db = c.get('db');
  const paging = { limit: query.limit, after: query.cursor };
  const viewer = searchViewer(c.get('principal'));
  if (query.type === 'tickets') {
    authorize(c, 'ticket:read_own');
    if (query.category !== undefined) throw wrongFilter('category', 'applies to articles only');
    if (query.locale !== undefined) throw wrongFilter('locale', 'applies to articles only');
    const statuses = query.status ?? [];
    if (!statuses.every(isTicketStatus)) throw wrongFilter('status', `must be one of ${TICKET_STATUSES.join(', ')}`);
    const page = pageOrProblem(await searchTicketsFor(db, query.q, viewer, { statuses, assignee: query.assignee }, paging));
    return c.json({ items: page.items.map(ticketHitJson), next_cursor: page.next && encodeCursor(page.next), corrected_query: page.correctedQuery }, 200);
  }
  if (query.assignee !== undefined) throw wrongFilter('assignee', 'applies to tickets only');
  const statuses = (query.status ?? []).filter((s): s is KbStatus => !isTicketStatus(s));
  if (statuses.length !== (query.status ?? []).length) throw wrongFilter('status', 'must be draft, published or archived for articles');
  const filters = { categoryId: query.category, locale: query.locale, statuses };
  const page = pageOrProblem(await searchArticlesFor(db, query.q, viewer, filters, paging));
  return c.json({ items: page.items.map(articleHitJson), next_cursor: page.next && encodeCursor(page.next), corrected_query: page.correctedQuery }, 200);
};

export const suggest: RouteHandler<typeof suggestRoute, AppEnv> = async (c) => {
  const query = c.req.valid('query');
  const items = await suggestArticles(c.get('db'), query.subject, query.locale, query.limit);
  return c.json({ items: items.map(suggestionJson) }, 200);
};

export const suggestEvent: RouteHandler<typeof suggestEventRoute, AppEnv> = async (c) => {
  const body = c.req.valid('json');
  const recorded = await recordSuggestionEvent(c.get('db'), auditActor(c), body.event, body.article_ids);
  return c.json({ recorded }, 200);
};

export const suggestStats: RouteHandler<typeof suggestionStatsRoute, AppEnv> = async (c) => {
  authorize(c, 'kb:read_internal');
  const { limit } = c.req.valid('query');
  return c.json({ items: (await suggestionStats(c.get('db'), limit)).map(suggestionStatsJson) }, 200);
};

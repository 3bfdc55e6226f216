import type { TenantDb } from '../tenancy/tenant-db';
import { searchArticles, type ArticleHit, type ArticleSearchFilters } from './article-search';
import type { RankedPosition } from './ranked-position';
import { displayQuery, ftsExpression, parseSearchInput, type ParsedQuery } from './search-query';
import type { SearchViewer } from './search-viewer';
import { correctSpelling, type Vocabulary } from './spelling';
import { searchTickets, type TicketHit, type TicketSearchFilters } from './ticket-search';

// One search, start to end: translate the input, run it, and when a page comes
// back empty because a word matches nothing, run it again with the spelling
// corrected from the index's vocabulary (later pages of a corrected search, asked
// with the same input, are corrected the same way).

export interface Paging {
  limit: number;
  after?: RankedPosition;
}

export interface SearchPage<T> {
  items: T[];
  next: RankedPosition | null;
  /** The corrected query that produced these results, when the typed one found nothing. */
  correctedQuery: string | null;
}

export type SearchOutcome<T> = { ok: true; page: SearchPage<T> } | { ok: false; reason: 'nothing_to_search' };

type PageOf<T> = { items: T[]; next: RankedPosition | null };

async function withCorrection<T>(
  db: TenantDb,
  vocabulary: Vocabulary,
  input: string,
  run: (match: string) => Promise<PageOf<T>>,
): Promise<SearchOutcome<T>> {
  const query = parseSearchInput(input);
  if (!query) return { ok: false, reason: 'nothing_to_search' };
  const first = await run(ftsExpression(query, 'all'));
  if (first.items.length > 0) return { ok: true, page: { ...first, correctedQuery: null } };
  const corrected: ParsedQuery | null = await correctSpelling(db, vocabulary, query);
  if (!corrected) return { ok: true, page: { ...first, correctedQuery: null } };
  const second = await run(ftsExpression(corrected, 'all'));
  // Named only when it found something the viewer may see, so a correction never
  // reveals a word from a ticket or article they cannot read.
  return second.items.length > 0
    ? { ok: true, page: { ...second, correctedQuery: displayQuery(corrected) } }
    : { ok: true, page: { ...first, correctedQuery: null } };
}

export function searchTicketsFor(db: TenantDb, input: string, viewer: SearchViewer, filters: TicketSearchFilters, paging: Paging) {
  return withCorrection<TicketHit>(db, 'tickets_fts', input, (match) => searchTickets(db, { match, viewer, filters, ...paging }));
}

export function searchArticlesFor(db: TenantDb, input: string, viewer: SearchViewer, filters: ArticleSearchFilters, paging: Paging) {
  return withCorrection<ArticleHit>(db, 'kb_articles_fts', input, (match) =>
    searchArticles(db, { match, seesInternalArticles: viewer.seesInternalArticles, filters, ...paging }),
  );
}

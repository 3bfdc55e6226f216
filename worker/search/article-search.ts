import { sql, type SQL } from 'drizzle-orm';
import type { KbLocale, KbStatus, KbVisibility } from '../db/tenant/kb';
import type { TenantDb } from '../tenancy/tenant-db';
import { rankedPage, type RankedPosition } from './ranked-position';
import { RANKING_WINDOW } from './ticket-search';
import { escapeHtml, FIELD_SEPARATOR, leadHtml, MARK_CLOSE, MARK_OPEN, snippetHtml } from './snippet-html';

// Knowledge-base search over kb_articles_fts (title, summary, body). Readers
// without `kb:read_internal` find only published public articles, as in
// worker/kb/article-store.ts. Like ticket search (ticket-search.ts), only the
// newest RANKING_WINDOW matches are scored, so a broad word costs no more than
// a narrow one.

/** bm25 column weights: title, summary, body. */
const TITLE_WEIGHT = 10.0;
const SUMMARY_WEIGHT = 4.0;
const BODY_WEIGHT = 1.0;
const SNIPPET_TOKENS = 16;

export interface ArticleSearchFilters {
  categoryId?: number;
  locale?: KbLocale;
  /** Only for readers who see every status; others always get published articles. */
  statuses?: KbStatus[];
}

export interface ArticleSearchRequest {
  /** An FTS5 expression from search-query.ts: never raw user input. */
  match: string;
  seesInternalArticles: boolean;
  filters: ArticleSearchFilters;
  limit: number;
  after?: RankedPosition;
}

export interface ArticleHit {
  id: number;
  title: string;
  slug: string;
  summary: string;
  locale: KbLocale;
  categoryId: number | null;
  status: KbStatus;
  visibility: KbVisibility;
  updatedAt: number;
  score: number;
  titleHtml: string;
  snippetHtml: string;
}

interface Row {
  id: number;
  title: string;
  slug: string;
  summary: string;
  body: string;
  locale: KbLocale;
  category_id: number | null;
  status: KbStatus;
  visibility: KbVisibility;
  updated_at: number;
  score: number;
  /** highlight(title) FIELD_SEPARATOR snippet(best column). */
  marked: string | null;
}

function conditions(request: ArticleSearchRequest): SQL[] {
  const { filters, after } = request;
  const where: SQL[] = [];
  if (!request.seesInternalArticles) where.push(sql`a.status = 'published' and a.visibility = 'public'`);
  else if (filters.statuses?.length) where.push(sql`a.status in (${sql.join(filters.statuses.map((s) => sql`${s}`), sql`, `)})`);
  if (filters.categoryId !== undefined) where.push(sql`a.category_id = ${filters.categoryId}`);
  if (filters.locale !== undefined) where.push(sql`a.locale = ${filters.locale}`);
  if (after) where.push(sql`(ranked.score > ${after.score} or (ranked.score = ${after.score} and a.id > ${after.id}))`);
  return where;
}

/** Markdown's punctuation is noise in a passage shown as plain text. */
const plainMarkdown = (s: string): string => s.replace(/[#*_`>~|]+/g, '').replace(/\s+/g, ' ').trim();

/** One page of articles matching `request.match`, best first. */
export async function searchArticles(db: TenantDb, request: ArticleSearchRequest) {
  const { match } = request;
  const where = conditions(request);
  const rows = await db.all<Row>(sql`
    with ranked as (
      select rowid as id, bm25(kb_articles_fts, ${TITLE_WEIGHT}, ${SUMMARY_WEIGHT}, ${BODY_WEIGHT}) as score
        from kb_articles_fts where kb_articles_fts match ${match}
          and rowid >= (select coalesce(min(rowid), 0) from (select rowid from kb_articles_fts where kb_articles_fts match ${match} order by rowid desc limit ${RANKING_WINDOW}))
    ),
    page as (
      select a.id, a.title, a.slug, a.summary, a.body_markdown as body, a.locale, a.category_id, a.status, a.visibility,
             a.updated_at, ranked.score
        from ranked cross join kb_articles a on a.id = ranked.id
        ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
        order by ranked.score, a.id
        limit ${request.limit + 1}
    )
    -- One FTS lookup per page row for both marked texts (each lookup re-runs the MATCH).
    select page.*,
      (select highlight(kb_articles_fts, 0, ${MARK_OPEN}, ${MARK_CLOSE}) || ${FIELD_SEPARATOR} ||
              snippet(kb_articles_fts, -1, ${MARK_OPEN}, ${MARK_CLOSE}, '…', ${SNIPPET_TOKENS})
         from kb_articles_fts where kb_articles_fts match ${match} and rowid = page.id) as marked
    from page order by page.score, page.id`);
  const page = rankedPage(rows, request.limit);
  return { items: page.items.map(toHit), next: page.next };
}

function toHit(row: Row): ArticleHit {
  const [titleMarked = null, snippetMarked = null] = row.marked?.split(FIELD_SEPARATOR) ?? [];
  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    summary: row.summary,
    locale: row.locale,
    categoryId: row.category_id,
    status: row.status,
    visibility: row.visibility,
    updatedAt: row.updated_at,
    score: row.score,
    titleHtml: titleMarked !== null ? snippetHtml(titleMarked) : escapeHtml(row.title),
    snippetHtml: snippetMarked !== null ? snippetHtml(plainMarkdown(snippetMarked)) : leadHtml(plainMarkdown(row.summary || row.body)),
  };
}

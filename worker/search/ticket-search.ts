import { sql, type SQL } from 'drizzle-orm';
import type { TicketPriority, TicketStatus } from '../db/tenant/tickets';
import type { TenantDb } from '../tenancy/tenant-db';
import { rankedPage, type RankedPosition } from './ranked-position';
import type { SearchViewer } from './search-viewer';
import { escapeHtml, FIELD_SEPARATOR, leadHtml, MARK_CLOSE, MARK_OPEN, snippetHtml } from './snippet-html';

// Ticket search over two FTS5 tables: tickets_fts (subject, description) and
// ticket_comments_fts (every comment). A ticket's score is its best match: the
// ticket itself, or its best comment at half weight. Internal notes only count
// for viewers who may read them, and customers only see their own tickets.
//
// bm25 costs a function call per matching row, and a broad word ("error") can
// match most of 300,000 comments. So staff rank a window: the newest
// RANKING_WINDOW matches of each table (found in rowid order, which FTS5 walks
// without scoring). Narrower queries are unaffected; a broad query ranks recent
// tickets, which is what a helpdesk searcher wants. Customers get no window (it
// could hide their own tickets): each match is joined to its ticket and only
// their own are scored. The joins are CROSS JOINs, which SQLite never reorders:
// the FTS table must stay the outer loop, because FTS5 with a rowid = ? constraint
// re-runs the whole MATCH per row (measured: 600 rows took a second).

/** bm25 column weights of tickets_fts: a word in the subject counts ten times one in the description. */
const SUBJECT_WEIGHT = 10.0;
const DESCRIPTION_WEIGHT = 3.0;
/** A comment's bm25 is scaled by this (bm25 is negative: a smaller factor ranks it lower). */
const COMMENT_FACTOR = 0.5;
const SNIPPET_TOKENS = 16;
/** Matches per FTS table that staff searches score (see above). */
export const RANKING_WINDOW = 1000;

export interface TicketSearchFilters {
  statuses?: TicketStatus[];
  /** A user id, or `none` for unassigned tickets. */
  assignee?: number | 'none';
}

export interface TicketSearchRequest {
  /** An FTS5 expression from search-query.ts: never raw user input. */
  match: string;
  viewer: SearchViewer;
  filters: TicketSearchFilters;
  limit: number;
  after?: RankedPosition;
}

export interface TicketHit {
  id: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  requesterId: number;
  assigneeId: number | null;
  updatedAt: number;
  score: number;
  /** The subject with its matches marked (safe HTML). */
  subjectHtml: string;
  /** A passage of the description or of the best matching comment (safe HTML). */
  snippetHtml: string;
  /** The comment the snippet comes from, when a comment matched best. */
  commentId: number | null;
}

interface Row {
  id: number;
  subject: string;
  description: string;
  status: TicketStatus;
  priority: TicketPriority;
  requester_id: number;
  assignee_id: number | null;
  updated_at: number;
  score: number;
  comment_id: number | null;
  /** highlight(subject) FIELD_SEPARATOR snippet(description), when the ticket row itself matched. */
  ticket_marked: string | null;
  comment_marked: string | null;
}

function conditions(request: TicketSearchRequest): SQL[] {
  const { viewer, filters, after } = request;
  const where: SQL[] = [];
  if (!viewer.seesAllTickets) where.push(sql`t.requester_id = ${viewer.userId ?? -1}`);
  if (filters.statuses?.length) where.push(sql`t.status in (${sql.join(filters.statuses.map((s) => sql`${s}`), sql`, `)})`);
  if (filters.assignee === 'none') where.push(sql`t.assignee_id is null`);
  else if (filters.assignee !== undefined) where.push(sql`t.assignee_id = ${filters.assignee}`);
  if (after) where.push(sql`(best.score > ${after.score} or (best.score = ${after.score} and t.id > ${after.id}))`);
  return where;
}

/** One page of tickets matching `request.match`, best first. */
export async function searchTickets(db: TenantDb, request: TicketSearchRequest) {
  const { match, viewer } = request;
  const where = conditions(request);
  const ticketRows = viewer.seesAllTickets
    ? sql`tickets_fts.rowid >= (select coalesce(min(rowid), 0) from (select rowid from tickets_fts where tickets_fts match ${match} order by rowid desc limit ${RANKING_WINDOW}))`
    : sql`ot.requester_id = ${viewer.userId ?? -1}`;
  const commentRows = viewer.seesAllTickets
    ? sql`ticket_comments_fts.rowid >= (select coalesce(min(rowid), 0) from (select rowid from ticket_comments_fts where ticket_comments_fts match ${match} order by rowid desc limit ${RANKING_WINDOW}))`
    : sql`ot.requester_id = ${viewer.userId ?? -1}`;
  const rows = await db.all<Row>(sql`
    with matched(ticket_id, score, comment_id) as (
      select tickets_fts.rowid, bm25(tickets_fts, ${SUBJECT_WEIGHT}, ${DESCRIPTION_WEIGHT}), null
        from tickets_fts cross join tickets ot on ot.id = tickets_fts.rowid
        where tickets_fts match ${match} and ${ticketRows}
      union all
      select c.ticket_id, ${COMMENT_FACTOR} * bm25(ticket_comments_fts), c.id
        from ticket_comments_fts cross join ticket_comments c on c.id = ticket_comments_fts.rowid cross join tickets ot on ot.id = c.ticket_id
        where ticket_comments_fts match ${match} and ${commentRows} ${viewer.seesInternalNotes ? sql`` : sql`and c.public = 1`}
    ),
    -- SQLite fills the bare comment_id from the row holding the min(score).
    best as (select ticket_id, min(score) as score, comment_id from matched group by ticket_id),
    page as (
      select t.id, t.subject, t.description, t.status, t.priority, t.requester_id, t.assignee_id, t.updated_at,
             best.score, best.comment_id
        from best join tickets t on t.id = best.ticket_id
        ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
        order by best.score, t.id
        limit ${request.limit + 1}
    )
    -- One FTS lookup per page row for both marked texts (each lookup re-runs the MATCH).
    select page.*,
      (select highlight(tickets_fts, 0, ${MARK_OPEN}, ${MARK_CLOSE}) || ${FIELD_SEPARATOR} ||
              snippet(tickets_fts, 1, ${MARK_OPEN}, ${MARK_CLOSE}, '…', ${SNIPPET_TOKENS})
         from tickets_fts where tickets_fts match ${match} and rowid = page.id) as ticket_marked,
      (select snippet(ticket_comments_fts, 0, ${MARK_OPEN}, ${MARK_CLOSE}, '…', ${SNIPPET_TOKENS})
         from ticket_comments_fts where ticket_comments_fts match ${match} and rowid = page.comment_id) as comment_marked
    from page order by page.score, page.id`);
  const page = rankedPage(rows, request.limit);
  return { items: page.items.map(toHit), next: page.next };
}

function toHit(row: Row): TicketHit {
  const [subjectMarked = null, descriptionMarked = null] = row.ticket_marked?.split(FIELD_SEPARATOR) ?? [];
  const passage = row.comment_id !== null ? row.comment_marked : descriptionMarked;
  return {
    id: row.id,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    requesterId: row.requester_id,
    assigneeId: row.assignee_id,
    updatedAt: row.updated_at,
    score: row.score,
    subjectHtml: subjectMarked !== null ? snippetHtml(subjectMarked) : escapeHtml(row.subject),
    snippetHtml: passage !== null ? snippetHtml(passage) : leadHtml(row.description),
    commentId: row.comment_id,
  };
}

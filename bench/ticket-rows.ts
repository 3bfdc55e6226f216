// The benchmark tenant's tickets and comments as rows: a year of helpdesk traffic
// with the shape a real queue has (old tickets mostly solved, a few customers
// filing many, some tickets tagged, a few comments each). Deterministic per seed.
import type { TicketChannel, TicketPriority, TicketStatus, TicketType } from '../worker/db/tenant/tickets.ts';
import { commentHtml } from '../worker/tickets/comment-html.ts';
import { pick, prng, sentence, subject } from './ticket-corpus.ts';

/** As PRIORITY_RANK in worker/db/tenant/tickets.ts (that module cannot be loaded outside the worker build). */
const PRIORITY_RANK = { low: 1, normal: 2, high: 3, urgent: 4 } as const satisfies Record<TicketPriority, number>;

const DAY = 86_400_000;
const YEAR = 365 * DAY;
const MAX_COMMENTS = 6;

export interface SeedPeople {
  agentId: number;
  otherAgentId: number;
  ownerId: number;
  customerIds: readonly number[];
  tagIds: readonly number[];
}

export interface TicketRow {
  subject: string;
  description: string;
  status: TicketStatus;
  priority: TicketPriority;
  priority_rank: number;
  type: TicketType;
  channel: TicketChannel;
  requester_id: number;
  assignee_id: number | null;
  group_name: string | null;
  custom_fields: string;
  created_at: number;
  updated_at: number;
  solved_at: number | null;
  closed_at: number | null;
}

export interface CommentRow {
  author_id: number;
  public: 0 | 1;
  channel: TicketChannel;
  body_text: string;
  body_html: string;
  created_at: number;
}

export interface GeneratedTicket {
  ticket: TicketRow;
  comments: CommentRow[];
  tagIds: number[];
}

/** Picks by weight: `[[value, weight], …]`. */
function weighted<T>(random: () => number, table: ReadonlyArray<readonly [T, number]>): T {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, w] of table) {
    if ((r -= w) < 0) return value;
  }
  return table[table.length - 1]![0];
}

// A ticket from the last month is usually still being worked; older ones are mostly done.
const RECENT_STATUSES = [['new', 20], ['open', 40], ['pending', 20], ['on_hold', 5], ['solved', 10], ['closed', 5]] as const;
const OLDER_STATUSES = [['new', 2], ['open', 15], ['pending', 8], ['on_hold', 5], ['solved', 25], ['closed', 45]] as const;
const PRIORITIES = [['low', 20], ['normal', 50], ['high', 22], ['urgent', 8]] as const;
const TYPES = [['question', 40], ['incident', 30], ['problem', 15], ['task', 15]] as const;
const CHANNELS = [['web', 50], ['email', 35], ['chat', 10], ['api', 5]] as const;
const GROUPS = [['Tier 1', 50], ['Billing', 20], [null, 30]] as const;
const PLANS = ['free', 'team', 'business', 'enterprise'];

/**
 * Comments per ticket: 0…6, uniform (mean 3), then nudged one at a time so the
 * total is exactly `total`.
 */
function commentCounts(random: () => number, tickets: number, total: number): Uint8Array {
  if (total > tickets * MAX_COMMENTS) throw new Error(`At most ${MAX_COMMENTS} comments per ticket: ${total} do not fit on ${tickets} tickets.`);
  const counts = new Uint8Array(tickets);
  let sum = 0;
  for (let i = 0; i < tickets; i++) sum += counts[i] = Math.floor(random() * (MAX_COMMENTS + 1));
  while (sum !== total) {
    const i = Math.floor(random() * tickets);
    const step = sum < total ? 1 : -1;
    const next = counts[i]! + step;
    if (next < 0 || next > MAX_COMMENTS) continue;
    counts[i] = next;
    sum += step;
  }
  return counts;
}

/** Ticket creation times over the year before `now`, oldest first (so ids grow with time, as in real use). */
function creationTimes(random: () => number, tickets: number, now: number): Float64Array {
  const times = new Float64Array(tickets);
  for (let i = 0; i < tickets; i++) times[i] = now - Math.floor(random() * YEAR);
  return times.sort();
}

interface CommentPlan {
  count: number;
  russian: boolean;
  staffId: number;
  from: number;
  until: number;
}

function generateComments(random: () => number, ticket: TicketRow, { count, russian, staffId, from, until }: CommentPlan): CommentRow[] {
  const comments: CommentRow[] = [];
  for (let c = 0; c < count; c++) {
    // Staff reply first, the customer answers, and so on; a fifth of staff comments are internal notes.
    const byStaff = c % 2 === 0 || random() < 0.2;
    const internal = byStaff && random() < 0.2;
    const paragraphs = 1 + Math.floor(random() * 2);
    const text = Array.from({ length: paragraphs }, () => sentence(random, russian, 8 + Math.floor(random() * 25))).join('\n\n');
    comments.push({
      author_id: byStaff ? staffId : ticket.requester_id,
      public: internal ? 0 : 1,
      channel: byStaff ? 'web' : ticket.channel,
      body_text: text,
      body_html: commentHtml(text),
      created_at: from + Math.floor(((c + 1) / (count + 1)) * (until - from)),
    });
  }
  return comments;
}

/** Yields `tickets` tickets (oldest first) carrying `comments` comments in all. */
export function* generateTickets(people: SeedPeople, tickets: number, comments: number, seed: number, now = Date.now()): Generator<GeneratedTicket> {
  const random = prng(seed);
  const counts = commentCounts(random, tickets, comments);
  const times = creationTimes(random, tickets, now);
  const { customerIds, tagIds } = people;
  for (let i = 0; i < tickets; i++) {
    const createdAt = times[i]!;
    const recent = now - createdAt < 30 * DAY;
    const status = weighted<TicketStatus>(random, recent ? RECENT_STATUSES : OLDER_STATUSES);
    const priority = weighted<TicketPriority>(random, PRIORITIES);
    const russian = random() < 0.3;
    const r = random();
    const assignee = r < 0.3 ? people.agentId : r < 0.55 ? people.otherAgentId : r < 0.65 ? people.ownerId : null;
    // Squaring skews toward the first customers: a few file many tickets, most file a few.
    const requester = customerIds[Math.floor(random() * random() * customerIds.length)]!;
    // Worked on for up to two weeks (never past now); solved at the end of that, closed a few days later.
    const worked = Math.min(now - createdAt, Math.floor(random() * 14 * DAY));
    const solvedAt = status === 'solved' || status === 'closed' ? createdAt + worked : null;
    const closedAt = status === 'closed' ? Math.min(now, createdAt + worked + Math.floor(random() * 4 * DAY)) : null;
    const ticket: TicketRow = {
      subject: subject(random, russian, i + 1),
      description: sentence(random, russian, 12 + Math.floor(random() * 30)),
      status,
      priority,
      priority_rank: PRIORITY_RANK[priority],
      type: weighted<TicketType>(random, TYPES),
      channel: weighted<TicketChannel>(random, CHANNELS),
      requester_id: requester,
      assignee_id: assignee,
      group_name: weighted<string | null>(random, GROUPS),
      custom_fields: random() < 0.15 ? JSON.stringify({ plan: pick(random, PLANS), seats: 1 + Math.floor(random() * 200) }) : '{}',
      created_at: createdAt,
      updated_at: closedAt ?? createdAt + worked,
      solved_at: solvedAt,
      closed_at: closedAt,
    };
    const tagRoll = random();
    const tagCount = tagRoll < 0.1 ? 2 : tagRoll < 0.45 ? 1 : 0;
    const tags = new Set<number>();
    while (tags.size < Math.min(tagCount, tagIds.length)) tags.add(pick(random, tagIds));
    yield {
      ticket,
      comments: generateComments(random, ticket, {
        count: counts[i]!,
        russian,
        staffId: assignee ?? people.otherAgentId,
        from: createdAt,
        until: createdAt + worked,
      }),
      tagIds: [...tags],
    };
  }
}

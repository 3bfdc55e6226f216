// The four load scenarios of the API benchmark, in the order they run.
import type { Scenario } from './load.ts';
import { pick, prng, sentence, subject } from './ticket-corpus.ts';

export const LIST_PAGE = 50;

export function healthScenario(): Scenario {
  return { name: 'health', what: 'GET /health', requests: [{ method: 'GET', path: '/health' }] };
}

export interface ListScenario extends Scenario {
  /** How far the cursors went: first pages asked for, later pages, the deepest page reached. */
  pages(): { first: number; later: number; deepest: number };
}

/**
 * The agent's open queue, 50 a page, following `next_cursor`. autocannon resets a
 * client's context whenever its request list restarts (here: every request), so
 * the cursors live in a pool shared by all connections: a response adds its
 * next cursor, the next request takes one, and page 1 is asked again when the
 * pool is empty (the queue was walked to its end, or at the start).
 */
export function listScenario(agentId: number): ListScenario {
  const firstPage = `/api/v1/tickets?status=open&assignee=${agentId}&limit=${LIST_PAGE}`;
  const pool: Array<{ cursor: string; page: number }> = [];
  const stats = { first: 0, later: 0, deepest: 1 };
  return {
    name: 'ticket list',
    what: `GET /api/v1/tickets?status=open&assignee=<agent>&limit=${LIST_PAGE}(&cursor=…)`,
    requests: [
      {
        method: 'GET',
        setupRequest(request, context) {
          const next = pool.pop();
          context.page = next?.page ?? 1;
          if (next) stats.later++;
          else stats.first++;
          stats.deepest = Math.max(stats.deepest, next?.page ?? 1);
          return { ...request, path: next ? `${firstPage}&cursor=${encodeURIComponent(next.cursor)}` : firstPage };
        },
        onResponse(status, body, context) {
          if (status !== 200) return;
          // `next_cursor` is the body's last field: find it without parsing 50 tickets.
          const match = /"next_cursor":"([^"]+)"\}\s*$/.exec(body.slice(-600));
          if (match?.[1]) pool.push({ cursor: match[1], page: Number(context.page) + 1 });
        },
      },
    ],
    pages: () => ({ ...stats }),
  };
}

/** One ticket with its comments, a random one of the seeded tickets. */
export function getScenario(ticketCount: number, seed = 7): Scenario {
  const random = prng(seed);
  return {
    name: 'ticket get',
    what: 'GET /api/v1/tickets/<random id> (with comments)',
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: `/api/v1/tickets/${1 + Math.floor(random() * ticketCount)}` }),
      },
    ],
  };
}

const PRIORITIES = ['low', 'normal', 'normal', 'normal', 'high', 'urgent'] as const;

/** The agent opens a ticket on behalf of a random customer. */
export function createScenario(customerIds: readonly number[], seed = 11): Scenario {
  const random = prng(seed);
  let n = 0;
  return {
    name: 'ticket create',
    what: 'POST /api/v1/tickets (agent, for a random customer)',
    requests: [
      {
        method: 'POST',
        path: '/api/v1/tickets',
        setupRequest(request) {
          const russian = random() < 0.3;
          const body = JSON.stringify({
            subject: subject(random, russian, ++n),
            description: sentence(random, russian, 12 + Math.floor(random() * 30)),
            priority: pick(random, PRIORITIES),
            requester_id: pick(random, customerIds),
          });
          return { ...request, headers: { ...request.headers, 'content-type': 'application/json' }, body };
        },
      },
    ],
  };
}

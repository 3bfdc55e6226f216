import { and, asc, gt, notInArray, sql } from 'drizzle-orm';
import { tickets } from '../db/tenant/tickets';
import type { TenantDb } from '../tenancy/tenant-db';
import { selectTickets, toTicketRecord } from '../tickets/ticket-store';
import { loadActivePolicies } from './sla-policy-store';
import { groupTrackers, planTargets, sameTargets, targetWrites, trackersQuery } from './sla-tracking-store';

// After an admin changes the policies or a calendar, every open ticket's targets
// follow: the policy that matches it now, its targets and calendar, keeping each
// target's start, pauses and history. Done in pages, one batch per page: the
// admin's request does the first pages, the sla-sweep queue the rest.

const PAGE = 100;

/** Whether staff have replied publicly: a policy that adds first_response to such a ticket finds it already met. */
const staffReplied = sql<number>`exists (select 1 from ticket_comments c join users u on u.id = c.author_id
  where c.ticket_id = tickets.id and c.public = 1 and u.role <> 'customer')`;

/**
 * Re-plans the targets of the tickets that are not solved or closed, by id from
 * `after` on, at most `pages` pages of `pageSize`. Returns the id to continue after,
 * or null once every open ticket was re-planned.
 */
export async function reevaluateOpenTickets(
  db: TenantDb,
  now: number,
  { after = 0, pages = Infinity, pageSize = PAGE } = {},
): Promise<number | null> {
  const policies = await loadActivePolicies(db);
  for (let page = 0; ; page++) {
    if (page >= pages) return after;
    const rows = await selectTickets(db)
      .where(and(notInArray(tickets.status, ['solved', 'closed']), gt(tickets.id, after)))
      .orderBy(asc(tickets.id))
      .limit(pageSize)
      .all();
    if (rows.length === 0) return null;
    const ids = rows.map((r) => r.ticket.id);
    const [trackerRows, replied] = await db.batch([
      trackersQuery(db, ids),
      db
        .select({ id: tickets.id, replied: staffReplied.as('staff_replied') })
        .from(tickets)
        .where(sql`${tickets.id} in (select value from json_each(${JSON.stringify(ids)}))`),
    ]);
    const trackers = groupTrackers(trackerRows);
    const repliedTo = new Set(replied.filter((r) => Number(r.replied) === 1).map((r) => r.id));
    const writes = rows.flatMap((row) => {
      const ticket = toTicketRecord(row);
      const current = trackers.get(ticket.id) ?? [];
      const targets = planTargets(
        policies,
        current,
        { ...ticket, requesterId: ticket.requester.id, staffReplied: repliedTo.has(ticket.id) },
        'changed',
        now,
      );
      return sameTargets(current, targets) ? [] : targetWrites(db, ticket.id, targets);
    });
    const [first, ...rest] = writes;
    if (first) await db.batch([first, ...rest]);
    if (rows.length < pageSize) return null;
    after = ids[ids.length - 1] ?? after;
  }
}

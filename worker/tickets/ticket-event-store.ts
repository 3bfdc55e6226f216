import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { auditLogs } from '../db/tenant/audit';
import { users } from '../db/tenant/users';
import type { TenantDb } from '../tenancy/tenant-db';
import { TICKET_EVENT_ACTIONS, type TicketAuditRow } from './ticket-events';

// The audit rows a ticket's timeline is built from, oldest first, on the
// (target_type, target_id, id) index.

/** One page of the ticket's audit rows after `afterId`; one row more than `limit` tells the caller another page exists. */
export function listTicketAuditRows(db: TenantDb, ticketId: number, afterId: number | undefined, limit: number): Promise<TicketAuditRow[]> {
  return db
    .select({ id: auditLogs.id, action: auditLogs.action, actorId: auditLogs.actorId, before: auditLogs.before, after: auditLogs.after, createdAt: auditLogs.createdAt })
    .from(auditLogs)
    .where(
      and(
        eq(auditLogs.targetType, 'ticket'),
        eq(auditLogs.targetId, String(ticketId)),
        inArray(auditLogs.action, [...TICKET_EVENT_ACTIONS]),
        afterId === undefined ? undefined : gt(auditLogs.id, afterId),
      ),
    )
    .orderBy(asc(auditLogs.id))
    .limit(limit + 1)
    .all();
}

/** The names of the given users (deactivated ones too: they still made the change). */
export async function userNames(db: TenantDb, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...ids])).all();
  return new Map(rows.map((row) => [row.id, row.name]));
}

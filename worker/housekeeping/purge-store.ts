import { sql, type SQL } from 'drizzle-orm';
import { auditLogs } from '../db/tenant/audit';
import { idempotencyKeys } from '../db/tenant/idempotency';
import { notifications } from '../db/tenant/notifications';
import { sessions } from '../db/tenant/users';
import type { TenantDb } from '../tenancy/tenant-db';
import type { PurgeCutoffs } from './retention';

// Deleting what housekeeping no longer keeps, in bounded rounds: each DELETE
// takes at most ROWS_PER_ROUND rows through an index on the age column, so no
// statement holds the tenant's single writer for long, and a tenant with a
// large backlog is worked off over several hourly runs instead of one long one.

export const ROWS_PER_ROUND = 2000;
export const MAX_ROUNDS = 25;

export interface PurgeCounts {
  sessions: number;
  idempotencyKeys: number;
  auditLogs: number;
  notifications: number;
}

/** Runs `deleteSome` (which deletes at most `ROWS_PER_ROUND` rows) until it deletes fewer, or the round budget is spent. */
async function deleteInRounds(db: TenantDb, deleteSome: SQL): Promise<number> {
  let total = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = await db.run(deleteSome);
    const changes = result.meta.changes;
    total += changes;
    if (changes < ROWS_PER_ROUND) break;
  }
  return total;
}

export async function purgeExpired(db: TenantDb, cutoffs: PurgeCutoffs): Promise<PurgeCounts> {
  const limit = ROWS_PER_ROUND;
  return {
    sessions: await deleteInRounds(
      db,
      sql`delete from ${sessions} where rowid in (select rowid from ${sessions} where ${sessions.expiresAt} < ${cutoffs.sessionsExpiredBefore} limit ${limit})`,
    ),
    idempotencyKeys: await deleteInRounds(
      db,
      sql`delete from ${idempotencyKeys} where rowid in (select rowid from ${idempotencyKeys} where ${idempotencyKeys.createdAt} < ${cutoffs.idempotencyKeysBefore} limit ${limit})`,
    ),
    auditLogs: await deleteInRounds(
      db,
      sql`delete from ${auditLogs} where rowid in (select rowid from ${auditLogs} where ${auditLogs.createdAt} < ${cutoffs.auditLogsBefore} limit ${limit})`,
    ),
    // Only finished notifications: pending and failed ones are still being delivered, however old.
    notifications: await deleteInRounds(
      db,
      sql`delete from ${notifications} where rowid in (select rowid from ${notifications} where ${notifications.state} in ('sent', 'dead') and ${notifications.createdAt} < ${cutoffs.notificationsBefore} limit ${limit})`,
    ),
  };
}

import { desc, lt } from 'drizzle-orm';
import { outboxMessages } from '../db/tenant/notifications';
import type { TenantDb } from '../tenancy/tenant-db';

/** Messages the local outbox stored, newest first; one row more than `limit` tells the caller another page exists. */
export function listOutboxMessages(db: TenantDb, beforeId: number | undefined, limit: number) {
  return db
    .select()
    .from(outboxMessages)
    .where(beforeId !== undefined ? lt(outboxMessages.id, beforeId) : undefined)
    .orderBy(desc(outboxMessages.id))
    .limit(limit + 1)
    .all();
}

import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { auditLogs } from '../db/tenant/audit';
import type { TenantDb } from '../tenancy/tenant-db';

export type AuditLog = typeof auditLogs.$inferSelect;

export interface AuditQuery {
  action?: string;
  actorId?: number;
  targetType?: string;
  targetId?: string;
  /** Epoch ms, inclusive. */
  since?: number;
  /** Epoch ms, inclusive of that whole millisecond. */
  until?: number;
  /** Only rows older than this id: the keyset position of the previous page. */
  beforeId?: number;
  limit: number;
}

/** One page of the audit log, newest first; one row more than `limit` tells the caller another page exists. */
export function listAuditLogs(db: TenantDb, query: AuditQuery): Promise<AuditLog[]> {
  const conditions: (SQL | undefined)[] = [
    query.beforeId !== undefined ? lt(auditLogs.id, query.beforeId) : undefined,
    query.action !== undefined ? eq(auditLogs.action, query.action) : undefined,
    query.actorId !== undefined ? eq(auditLogs.actorId, query.actorId) : undefined,
    query.targetType !== undefined ? eq(auditLogs.targetType, query.targetType) : undefined,
    query.targetId !== undefined ? eq(auditLogs.targetId, query.targetId) : undefined,
    query.since !== undefined ? gte(auditLogs.createdAt, query.since) : undefined,
    // Stored times carry fractions of a millisecond; the API shows whole ones.
    query.until !== undefined ? lt(auditLogs.createdAt, query.until + 1) : undefined,
  ];
  return db
    .select()
    .from(auditLogs)
    .where(and(...conditions))
    .orderBy(desc(auditLogs.id))
    .limit(query.limit + 1)
    .all();
}

import type { SQL } from 'drizzle-orm';
import type { Context } from 'hono';
import { auditLogs } from '../db/tenant/audit';
import type { AppEnv } from '../http/app-env';
import type { TenantDb } from '../tenancy/tenant-db';

export interface AuditEntry {
  action: string;
  targetType: string;
  /** A value, or a subquery when the target is created in the same batch. */
  targetId: string | number | SQL;
  before?: unknown;
  after?: unknown;
}

/** Who and under which request: taken once from the request context. */
export interface AuditActor {
  /** A user id, or a subquery when the actor is a user created in the same batch. */
  actorId: number | SQL | null;
  actorType: 'user' | 'operator' | 'system';
  requestId: string;
  ip: string | null;
}

export function auditActor(c: Context<AppEnv>): AuditActor {
  const principal = c.get('principal');
  return {
    actorId: principal?.userId ?? null,
    actorType: principal ? 'user' : 'system',
    requestId: c.get('requestId'),
    ip: c.req.header('cf-connecting-ip') ?? null,
  };
}

/**
 * The actor of a request that creates the very user acting (sign-up, accepting an
 * invitation): nobody is signed in yet, so the id is a subquery on the new row.
 */
export function newUserActor(c: Context<AppEnv>, userId: SQL): AuditActor {
  return { ...auditActor(c), actorId: userId, actorType: 'user' };
}

/**
 * The audit row for a mutation, as a statement to put in the same D1 batch as
 * the mutation itself: both are written, or neither.
 */
export function auditStatement(db: TenantDb, actor: AuditActor, entry: AuditEntry) {
  return db.insert(auditLogs).values({
    ...actor,
    action: entry.action,
    targetType: entry.targetType,
    targetId: typeof entry.targetId === 'object' ? entry.targetId : String(entry.targetId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

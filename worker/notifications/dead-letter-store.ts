import { and, desc, eq, lt } from 'drizzle-orm';
import { auditStatement, type AuditActor } from '../audit/audit-log';
import { notifications, type Notification } from '../db/tenant/notifications';
import type { TenantDb } from '../tenancy/tenant-db';

// Dead letters: notifications the queue gave up on, which admins list and replay.

/** Dead notifications, newest first; one row more than `limit` tells the caller another page exists. */
export function listDeadLetters(db: TenantDb, beforeId: number | undefined, limit: number): Promise<Notification[]> {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.state, 'dead'), beforeId !== undefined ? lt(notifications.id, beforeId) : undefined))
    .orderBy(desc(notifications.id))
    .limit(limit + 1)
    .all();
}

export async function findDeadLetter(db: TenantDb, id: number): Promise<Notification | null> {
  return (await db.select().from(notifications).where(and(eq(notifications.id, id), eq(notifications.state, 'dead'))).get()) ?? null;
}

/** Back to pending with a fresh retry budget; the relay puts it on the queue again. */
export async function replayDeadLetter(db: TenantDb, actor: AuditActor, letter: Notification): Promise<void> {
  await db.batch([
    db
      .update(notifications)
      .set({ state: 'pending', attempts: 0, relayedAt: null, leaseUntil: null, updatedAt: Date.now() })
      .where(and(eq(notifications.id, letter.id), eq(notifications.state, 'dead'))),
    auditStatement(db, actor, {
      action: 'notification.replay',
      targetType: 'notification',
      targetId: letter.id,
      before: { state: 'dead', attempts: letter.attempts, last_error: letter.lastError },
      after: { state: 'pending' },
    }),
  ]);
}

import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Every mutation: who, what, on which object, before and after, under which request. */
export const auditLogs = sqliteTable(
  'audit_logs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actorId: integer('actor_id'),
    actorType: text('actor_type', { enum: ['user', 'operator', 'system'] }).notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    requestId: text('request_id').notNull(),
    ip: text('ip'),
    createdAt: integer('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    index('audit_logs_target_idx').on(t.targetType, t.targetId, t.id),
    index('audit_logs_actor_idx').on(t.actorId, t.id),
    index('audit_logs_action_idx').on(t.action, t.id),
    // The housekeeping cron purges by age (worker/housekeeping/).
    index('audit_logs_created_idx').on(t.createdAt),
  ],
);

import { eq, sql } from 'drizzle-orm';
import { auditStatement, type AuditActor } from '../audit/audit-log';
import { notificationPreferences, notificationSettings, USER_CHANNELS, type UserChannel } from '../db/tenant/notifications';
import type { TenantDb } from '../tenancy/tenant-db';
import { defaultEnabled, NOTIFICATION_EVENTS, type NotificationEvent } from './notification-events';

// A user's notification preferences: a choice per event × channel (stored only
// where set; the defaults fill the rest) and the SMS number.

export type EventChannels = { event: NotificationEvent } & Record<UserChannel, boolean>;

export interface Preferences {
  smsPhone: string | null;
  events: EventChannels[];
}

export async function getPreferences(db: TenantDb, userId: number): Promise<Preferences> {
  const [rows, settings] = await db.batch([
    db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId)),
    db.select({ smsPhone: notificationSettings.smsPhone }).from(notificationSettings).where(eq(notificationSettings.userId, userId)),
  ]);
  const chosen = new Map(rows.map((r) => [`${r.event}:${r.channel}`, r.enabled]));
  const events = NOTIFICATION_EVENTS.map((event) => {
    const entry = { event } as EventChannels;
    for (const channel of USER_CHANNELS) entry[channel] = chosen.get(`${event}:${channel}`) ?? defaultEnabled(event, channel);
    return entry;
  });
  return { smsPhone: settings[0]?.smsPhone ?? null, events };
}

export interface PreferenceChanges {
  /** undefined: leave as is; null: remove the number. */
  smsPhone?: string | null;
  /** The events to set; events not listed keep their choice. */
  events?: EventChannels[];
}

/** Saves the changes and their audit row in one batch; returns the preferences as they are now. */
export async function savePreferences(db: TenantDb, actor: AuditActor, userId: number, changes: PreferenceChanges): Promise<Preferences> {
  const before = await getPreferences(db, userId);
  const now = Date.now();
  const rows = (changes.events ?? []).flatMap((entry) => USER_CHANNELS.map((channel) => ({ userId, event: entry.event, channel, enabled: entry[channel] })));
  await db.batch([
    auditStatement(db, actor, { action: 'notification_preferences.update', targetType: 'user', targetId: userId, before, after: changes }),
    ...(rows.length > 0
      ? [
          db
            .insert(notificationPreferences)
            .values(rows)
            .onConflictDoUpdate({
              target: [notificationPreferences.userId, notificationPreferences.event, notificationPreferences.channel],
              set: { enabled: sql`excluded.enabled` },
            }),
        ]
      : []),
    ...(changes.smsPhone !== undefined
      ? [
          db
            .insert(notificationSettings)
            .values({ userId, smsPhone: changes.smsPhone, updatedAt: now })
            .onConflictDoUpdate({ target: notificationSettings.userId, set: { smsPhone: changes.smsPhone, updatedAt: now } }),
        ]
      : []),
  ]);
  return getPreferences(db, userId);
}

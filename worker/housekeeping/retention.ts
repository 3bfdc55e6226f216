// How long the housekeeping cron keeps what: one pure place for the defaults,
// the bounds an admin may choose within, and the cut-off instants of a run.

const DAY_MS = 24 * 60 * 60 * 1000;

/** A tenant's choices, in days. */
export interface RetentionSettings {
  auditLogDays: number;
  notificationDays: number;
}

/** What a tenant that never chose keeps: a year of audit log (a common compliance floor), 90 days of sent notifications. */
export const DEFAULT_RETENTION: Readonly<RetentionSettings> = { auditLogDays: 365, notificationDays: 90 };

/** The bounds of each setting: an audit log shorter than 30 days would defeat its purpose; 10 years is plenty. */
export const RETENTION_BOUNDS = {
  auditLogDays: { min: 30, max: 3650 },
  notificationDays: { min: 1, max: 3650 },
} as const;

/**
 * An `Idempotency-Key` (and a chat message's dedupe key) guards against a
 * client retrying; a day covers any retry a client makes (Stripe keeps theirs 24 h).
 */
export const IDEMPOTENCY_KEY_TTL_MS = DAY_MS;

/** The instants before which each kind of row goes: sessions by their expiry, the rest by when they were written. */
export interface PurgeCutoffs {
  sessionsExpiredBefore: number;
  idempotencyKeysBefore: number;
  auditLogsBefore: number;
  notificationsBefore: number;
}

export function purgeCutoffs(settings: RetentionSettings, now: number): PurgeCutoffs {
  return {
    sessionsExpiredBefore: now,
    idempotencyKeysBefore: now - IDEMPOTENCY_KEY_TTL_MS,
    auditLogsBefore: now - settings.auditLogDays * DAY_MS,
    notificationsBefore: now - settings.notificationDays * DAY_MS,
  };
}

import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, purgeCutoffs } from './retention';

const DAY = 86_400_000;

describe('purgeCutoffs', () => {
  it('counts each retention back from now', () => {
    const now = Date.UTC(2026, 10, 28, 12);
    expect(purgeCutoffs({ auditLogDays: 30, notificationDays: 7 }, now)).toEqual({
      sessionsExpiredBefore: now,
      idempotencyKeysBefore: now - DAY,
      auditLogsBefore: now - 30 * DAY,
      notificationsBefore: now - 7 * DAY,
    });
  });

  it('keeps a year of audit log and 90 days of notifications by default', () => {
    const cutoffs = purgeCutoffs(DEFAULT_RETENTION, 1000 * DAY);
    expect(cutoffs.auditLogsBefore).toBe(635 * DAY);
    expect(cutoffs.notificationsBefore).toBe(910 * DAY);
  });
});

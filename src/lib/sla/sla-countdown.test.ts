import { describe, expect, it } from 'vitest';
import { readSla, splitMinutes, type SlaTarget } from './sla-countdown';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const target = (overrides: Partial<SlaTarget>): SlaTarget => ({
  metric: 'first_response',
  policy: { id: 1, name: 'Standard' },
  state: 'active',
  due_at: '2026-03-02T12:05:00Z',
  met_at: null,
  remaining_minutes: 125,
  target_minutes: 240,
  warned: false,
  ...overrides,
});

describe('an SLA countdown', () => {
  it('counts down to the due time', () => {
    expect(readSla(target({}), NOW)).toEqual({ kind: 'due', minutes: 125, warned: false });
    expect(splitMinutes(125)).toEqual({ hours: 2, minutes: 5 });
  });

  it('says overdue once the due time passed, or the API says breached', () => {
    expect(readSla(target({ due_at: '2026-03-02T09:30:00Z' }), NOW)).toEqual({ kind: 'overdue', minutes: 30 });
    expect(readSla(target({ state: 'breached', due_at: '2026-03-02T09:00:00Z' }), NOW)).toEqual({ kind: 'overdue', minutes: 60 });
  });

  it('shows met and paused targets without a clock', () => {
    expect(readSla(target({ state: 'met' }), NOW)).toEqual({ kind: 'met' });
    expect(readSla(target({ state: 'paused', due_at: null }), NOW)).toEqual({ kind: 'paused' });
  });

  it('passes on the warning the SLA engine raised', () => {
    expect(readSla(target({ warned: true }), NOW)).toMatchObject({ kind: 'due', warned: true });
  });
});

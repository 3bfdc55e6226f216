import { describe, expect, it } from 'vitest';
import { auditFilterOf, auditQueryOf, describeChange } from './audit-filter';

describe('the audit log filter', () => {
  it('sends only the fields that were filled in, with the actor as a number', () => {
    const filter = auditFilterOf(new URLSearchParams('action=user.role_change&actor_id=7&target_type=&target_id='));
    expect(auditQueryOf(filter)).toEqual({ action: 'user.role_change', actor_id: 7 });
  });

  it('reads a bare "until" day as the whole of that day, and "since" from its midnight', () => {
    const query = auditQueryOf(auditFilterOf(new URLSearchParams('since=2026-03-01&until=2026-03-05')));
    expect(query).toEqual({ since: '2026-03-01T00:00:00.000Z', until: '2026-03-05T23:59:59.999Z' });
  });

  it('passes full instants through untouched', () => {
    expect(auditQueryOf(auditFilterOf(new URLSearchParams('since=2026-03-01T10:00:00Z'))).since).toBe('2026-03-01T10:00:00Z');
  });
});

describe('a change, described', () => {
  it('names only the fields that differ', () => {
    expect(describeChange({ role: 'agent', name: 'Sam' }, { role: 'admin', name: 'Sam' })).toBe('role: agent → admin');
  });

  it('shows fields that appear or vanish', () => {
    expect(describeChange(null, { name: 'vip' })).toBe('name: ∅ → vip');
    expect(describeChange({ active: true }, null)).toBe('active: true → ∅');
  });
});

import { describe, expect, it } from 'vitest';
import { matchPolicy } from './sla-policy-match';
import { nextTargets, remainingMinutes, type AppliedPolicy, type SlaTicketState, type TrackedTarget } from './sla-tracker';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 2, 9, 0); // a Monday, 09:00 UTC
const policy: AppliedPolicy = { id: 1, targets: { first_response: 60, next_response: 30, resolution: 480 }, calendar: { kind: '24x7' }, warningPercent: 80 };
const open = (status: SlaTicketState['status'] = 'new'): SlaTicketState => ({ status, createdAt: T0, staffReplied: false });
const byMetric = (targets: TrackedTarget[]) => Object.fromEntries(targets.map((t) => [t.metric, t]));

describe('SLA targets through ticket events', () => {
  it('starts first response and resolution on creation, next response only once a customer writes', () => {
    const t = byMetric(nextTargets(policy, [], open(), 'created', T0));
    expect(Object.keys(t).sort()).toEqual(['first_response', 'resolution']);
    expect(t.first_response).toMatchObject({ state: 'active', dueAt: T0 + 60 * MIN, warnAt: T0 + 48 * MIN });
    expect(t.resolution).toMatchObject({ state: 'active', dueAt: T0 + 480 * MIN });
  });

  it('meets first response with a public staff reply, in time or late', () => {
    const created = nextTargets(policy, [], open(), 'created', T0);
    expect(byMetric(nextTargets(policy, created, open('open'), 'staff_public_reply', T0 + 10 * MIN)).first_response).toMatchObject({
      state: 'met',
      metAt: T0 + 10 * MIN,
    });
    expect(byMetric(nextTargets(policy, created, open('open'), 'staff_public_reply', T0 + 90 * MIN)).first_response).toMatchObject({
      state: 'breached',
      breachedAt: T0 + 60 * MIN,
      metAt: T0 + 90 * MIN,
    });
    expect(byMetric(nextTargets(policy, created, open(), 'changed', T0 + 10 * MIN)).first_response!.state).toBe('active');
  });

  it('pauses resolution and next response while pending, and moves their due time by the pause', () => {
    let targets = nextTargets(policy, [], open(), 'created', T0);
    targets = nextTargets(policy, targets, open('open'), 'customer_reply', T0 + 5 * MIN);
    targets = nextTargets(policy, targets, open('pending'), 'changed', T0 + 10 * MIN);
    const paused = byMetric(targets);
    expect(paused.resolution).toMatchObject({ state: 'paused', dueAt: null });
    expect(paused.next_response).toMatchObject({ state: 'paused', dueAt: null });
    expect(paused.first_response!.state).toBe('active');
    expect(remainingMinutes(paused.resolution!, policy.calendar, T0 + 100 * MIN)).toBe(470);
    const resumed = byMetric(nextTargets(policy, targets, open('open'), 'changed', T0 + 70 * MIN));
    expect(resumed.resolution).toMatchObject({ state: 'active', dueAt: T0 + 540 * MIN });
    expect(resumed.next_response).toMatchObject({ state: 'active', dueAt: T0 + 95 * MIN });
  });

  it('starts a new next-response cycle after an answer, and ends every target when solved', () => {
    let targets = nextTargets(policy, [], open(), 'created', T0);
    targets = nextTargets(policy, targets, open('open'), 'customer_reply', T0 + 1 * MIN);
    targets = nextTargets(policy, targets, open('open'), 'staff_public_reply', T0 + 2 * MIN);
    expect(byMetric(targets).next_response!.state).toBe('met');
    targets = nextTargets(policy, targets, open('open'), 'customer_reply', T0 + 3 * MIN);
    expect(byMetric(targets).next_response).toMatchObject({ state: 'active', startedAt: T0 + 3 * MIN, metAt: null });
    targets = nextTargets(policy, targets, open('solved'), 'changed', T0 + 4 * MIN);
    expect(targets.every((t) => t.state === 'met')).toBe(true);
    const reopened = byMetric(nextTargets(policy, targets, open('open'), 'customer_reply', T0 + 64 * MIN));
    expect(reopened.resolution).toMatchObject({ state: 'active', metAt: null, dueAt: T0 + 540 * MIN });
  });

  it('drops every target when no policy applies', () => {
    expect(nextTargets(null, nextTargets(policy, [], open(), 'created', T0), open(), 'changed', T0)).toEqual([]);
  });
});

describe('policy precedence', () => {
  const ticket = { priority: 'urgent' as const, type: 'incident' as const, group: 'billing', tags: ['vip'], requesterId: 7 };
  it('takes the first policy whose conditions all hold', () => {
    const policies = [
      { id: 1, conditions: { priorities: ['low' as const] } },
      { id: 2, conditions: { tags: ['vip'], groups: ['support'] } },
      { id: 3, conditions: { tags: ['gold', 'vip'], priorities: ['urgent' as const] } },
      { id: 4, conditions: {} },
    ];
    expect(matchPolicy(policies, ticket)?.id).toBe(3);
    expect(matchPolicy(policies.slice(3), ticket)?.id).toBe(4);
    expect(matchPolicy(policies.slice(0, 2), ticket)).toBeNull();
  });
});

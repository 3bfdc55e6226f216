import { describe, expect, it } from 'vitest';
import { calendarInputOf, dayText, periodsOf, weekSummary } from './sla-calendar-form';
import { movedOrder, policyInputOf } from './sla-policy-form';

const formOf = (entries: [string, string][]) => {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
};

describe('the calendar form', () => {
  it('reads each weekday’s periods, leaves empty days closed, and lists the holidays', () => {
    const input = calendarInputOf(
      formOf([
        ['name', 'Moscow office'],
        ['time_zone', 'Europe/Moscow'],
        ['week.1', '09:00–13:00, 14:00-18:00'],
        ['week.2', '9:00 - 18:00'],
        ['week.6', ''],
        ['week.0', '  '],
        ['holidays', '2027-01-01, 2027-01-07'],
      ]),
    );
    expect(input.week).toEqual({
      1: [
        { start: '09:00', end: '13:00' },
        { start: '14:00', end: '18:00' },
      ],
      2: [{ start: '09:00', end: '18:00' }],
    });
    expect(input.holidays).toEqual(['2027-01-01', '2027-01-07']);
    expect(input.time_zone).toBe('Europe/Moscow');
  });

  it('passes what it cannot read through, for the API to name the day', () => {
    expect(periodsOf('nine to six')).toEqual([{ start: 'nine to six', end: '' }]);
  });

  it('shows a weekday’s periods as the field holds them', () => {
    const week = { 1: [{ start: '09:00', end: '13:00' }, { start: '14:00', end: '18:00' }] };
    expect(dayText(week, 1)).toBe('09:00–13:00, 14:00–18:00');
    expect(dayText(week, 0)).toBe('');
    expect(periodsOf(dayText(week, 1))).toEqual(week[1]);
  });
});

describe('a week in a few words', () => {
  it('runs weekdays with the same hours together', () => {
    const hours = [{ start: '09:00', end: '18:00' }];
    expect(weekSummary({ 1: hours, 2: hours, 3: hours, 4: hours, 5: hours }, 'en')).toBe('Mon–Fri 09:00–18:00');
  });

  it('lists days with different hours apart and leaves closed days out', () => {
    const week = { 1: [{ start: '09:00', end: '18:00' }], 6: [{ start: '10:00', end: '14:00' }] };
    expect(weekSummary(week, 'en')).toBe('Mon 09:00–18:00; Sat 10:00–14:00');
  });
});

describe('the policy form', () => {
  it('sends the targets typed, the chosen conditions, and no calendar for "round the clock"', () => {
    const input = policyInputOf(
      formOf([
        ['name', 'Urgent'],
        ['calendar_id', ''],
        ['targets.first_response', '30'],
        ['targets.next_response', ''],
        ['targets.resolution', '240'],
        ['conditions.priorities', 'urgent'],
        ['conditions.priorities', 'high'],
        ['conditions.types', 'incident'],
        ['conditions.tags', 'vip, billing'],
        ['conditions.groups', ''],
        ['warning_percent', '75'],
      ]),
    );
    expect(input).toEqual({
      name: 'Urgent',
      calendar_id: null,
      targets: { first_response: 30, resolution: 240 },
      conditions: { priorities: ['urgent', 'high'], types: ['incident'], tags: ['vip', 'billing'] },
      warning_percent: 75,
      escalation: {},
    });
  });

  it('matches every ticket when no condition is given, and reads the calendar as an id', () => {
    const input = policyInputOf(formOf([['name', 'All'], ['calendar_id', '4'], ['targets.resolution', '480']]));
    expect(input.conditions).toEqual({});
    expect(input.calendar_id).toBe(4);
    expect(input.warning_percent).toBe(80);
  });

  it('sends the escalation chosen, and keeps requesters the form only carries', () => {
    const input = policyInputOf(
      formOf([
        ['name', 'VIP'],
        ['targets.first_response', '60'],
        ['conditions.requester_ids', '12'],
        ['escalation.raise_priority', 'high'],
        ['escalation.assign_group', 'Tier 2'],
        ['escalation.assign_user_id', '3'],
        ['escalation.notify_user_ids', '3'],
        ['escalation.notify_user_ids', '5'],
      ]),
    );
    expect(input.conditions).toEqual({ requester_ids: [12] });
    expect(input.escalation).toEqual({ raise_priority: 'high', assign_group: 'Tier 2', assign_user_id: 3, notify_user_ids: [3, 5] });
  });

  it('passes an unreadable number through for the API to name', () => {
    expect(policyInputOf(formOf([['targets.first_response', 'soon']])).targets.first_response).toBeNaN();
  });
});

describe('moving a policy', () => {
  it('swaps it with its neighbour, and leaves the order alone at either end', () => {
    expect(movedOrder([1, 2, 3], 2, -1)).toEqual([2, 1, 3]);
    expect(movedOrder([1, 2, 3], 2, 1)).toEqual([1, 3, 2]);
    expect(movedOrder([1, 2, 3], 1, -1)).toEqual([1, 2, 3]);
    expect(movedOrder([1, 2, 3], 3, 1)).toEqual([1, 2, 3]);
    expect(movedOrder([1, 2, 3], 9, 1)).toEqual([1, 2, 3]);
  });
});

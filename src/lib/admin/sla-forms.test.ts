import { describe, expect, it } from 'vitest';
import { calendarInputOf, policyInputOf, weekSummary } from './sla-forms';

const formOf = (entries: [string, string][]) => {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
};

describe('the calendar form', () => {
  it('opens Monday to Friday at the hours given, with the holidays listed', () => {
    const input = calendarInputOf(
      formOf([['name', 'Moscow office'], ['time_zone', 'Europe/Moscow'], ['opens', '09:00'], ['closes', '18:00'], ['holidays', '2027-01-01, 2027-01-07']]),
    );
    expect(input.week).toEqual({
      1: [{ start: '09:00', end: '18:00' }],
      2: [{ start: '09:00', end: '18:00' }],
      3: [{ start: '09:00', end: '18:00' }],
      4: [{ start: '09:00', end: '18:00' }],
      5: [{ start: '09:00', end: '18:00' }],
    });
    expect(input.holidays).toEqual(['2027-01-01', '2027-01-07']);
  });
});

describe('the policy form', () => {
  it('sends the targets typed, the chosen priorities, and no calendar for "round the clock"', () => {
    const input = policyInputOf(
      formOf([['name', 'Urgent'], ['calendar_id', ''], ['first_response', '30'], ['resolution', ''], ['priorities', 'urgent'], ['priorities', 'high'], ['warning_percent', '75']]),
    );
    expect(input).toEqual({ name: 'Urgent', calendar_id: null, targets: { first_response: 30 }, conditions: { priorities: ['urgent', 'high'] }, warning_percent: 75 });
  });

  it('matches every ticket when no priority is ticked', () => {
    expect(policyInputOf(formOf([['name', 'All'], ['calendar_id', '4'], ['resolution', '480']])).conditions).toEqual({});
    expect(policyInputOf(formOf([['name', 'All'], ['calendar_id', '4']])).calendar_id).toBe(4);
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

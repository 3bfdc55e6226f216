import { describe, expect, it, vi } from 'vitest';
import type { BusinessHoursCalendar, SlaCalendar } from './sla-calendar';
import { businessMinutesBetween, dueAt, dueAtWithPauses, elapsedWithPauses } from './sla-clock';

// Every expectation below was worked out by hand from the local wall clock; the
// comments give the local times, the literals the UTC instants.

const at = Date.parse;
const nineToFive = [{ start: '09:00', end: '17:00' }];

function weekdays(timeZone: string, hours = nineToFive, holidays: string[] = []): BusinessHoursCalendar {
  return { kind: 'business', time_zone: timeZone, week: { 1: hours, 2: hours, 3: hours, 4: hours, 5: hours }, holidays };
}

function sundayOnly(timeZone: string, start: string, end: string): BusinessHoursCalendar {
  return { kind: 'business', time_zone: timeZone, week: { 0: [{ start, end }] }, holidays: [] };
}

const newYork = weekdays('America/New_York');

describe('the SLA clock on a New York weekday calendar', () => {
  it('skips the weekend: Friday 16:00 plus two hours is Monday 10:00', () => {
    expect(dueAt(newYork, at('2025-06-13T20:00:00Z'), 120)).toBe(at('2025-06-16T14:00:00Z'));
    expect(businessMinutesBetween(newYork, at('2025-06-13T20:00:00Z'), at('2025-06-16T14:00:00Z'))).toBe(120);
  });

  it('starts counting at the next opening for a ticket opened on Saturday', () => {
    expect(dueAt(newYork, at('2025-06-14T16:00:00Z'), 30)).toBe(at('2025-06-16T13:30:00Z'));
  });

  it('is due at closing time, not at the next opening, when the target ends exactly there', () => {
    expect(dueAt(newYork, at('2025-06-13T20:00:00Z'), 60)).toBe(at('2025-06-13T21:00:00Z'));
  });

  it('skips holidays: Thursday 3 July 16:30 plus an hour, over Independence Day, is Monday 09:30', () => {
    const withHoliday = weekdays('America/New_York', nineToFive, ['2025-07-04']);
    expect(dueAt(withHoliday, at('2025-07-03T20:30:00Z'), 60)).toBe(at('2025-07-07T13:30:00Z'));
    expect(dueAt(newYork, at('2025-07-03T20:30:00Z'), 60)).toBe(at('2025-07-04T13:30:00Z'));
  });

  it('keeps local opening hours across the DST weekends in both directions', () => {
    // Friday 16:00 EST → Monday 10:00 EDT, and Friday 16:00 EDT → Monday 10:00 EST.
    expect(dueAt(newYork, at('2025-03-07T21:00:00Z'), 120)).toBe(at('2025-03-10T14:00:00Z'));
    expect(dueAt(newYork, at('2025-10-31T20:00:00Z'), 120)).toBe(at('2025-11-03T15:00:00Z'));
  });

  it('counts a 5-day target in whole business days: Monday 09:00 plus 2,400 minutes is Friday 17:00', () => {
    expect(dueAt(newYork, at('2025-06-16T13:00:00Z'), 5 * 8 * 60)).toBe(at('2025-06-20T21:00:00Z'));
    expect(businessMinutesBetween(newYork, at('2025-06-16T00:00:00Z'), at('2025-06-23T00:00:00Z'))).toBe(2400);
  });

  it('walks a 5-day target day by day: a handful of zone lookups, not one per minute', () => {
    const lookups = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    try {
      dueAt(weekdays('America/New_York'), at('2025-03-06T14:00:00Z'), 5 * 8 * 60);
      // Thursday to the next Thursday over a DST change: a lookup per day walked (8) and
      // 17 to pin the change to the second. Stepping minutes would take over 10,000.
      expect(lookups.mock.calls.length).toBeLessThanOrEqual(8 + 17);
    } finally {
      lookups.mockRestore();
    }
  });

  it('counts a start that is not a whole minute exactly, in fractional minutes', () => {
    const start = at('2025-06-16T13:00:30Z');
    expect(dueAt(newYork, start, 1)).toBe(at('2025-06-16T13:01:30Z'));
    expect(businessMinutesBetween(newYork, start, at('2025-06-16T13:01:00Z'))).toBe(0.5);
  });

  it('answers 0 for an empty or backwards range, and a zero target at the start', () => {
    expect(businessMinutesBetween(newYork, at('2025-06-16T15:00:00Z'), at('2025-06-16T14:00:00Z'))).toBe(0);
    expect(dueAt(newYork, at('2025-06-14T16:00:00Z'), 0)).toBe(at('2025-06-14T16:00:00Z'));
  });

  it('refuses negative targets and instants that are not numbers', () => {
    expect(() => dueAt(newYork, at('2025-06-16T13:00:00Z'), -1)).toThrow(RangeError);
    expect(() => dueAt(newYork, Number.NaN, 10)).toThrow(RangeError);
    expect(() => businessMinutesBetween(newYork, 0, Infinity)).toThrow(RangeError);
  });
});

describe('the SLA clock on DST nights', () => {
  it('gives 01:30–03:30 one real hour on the New York spring-forward night', () => {
    const calendar = sundayOnly('America/New_York', '01:30', '03:30');
    expect(businessMinutesBetween(calendar, at('2025-03-08T00:00:00Z'), at('2025-03-10T00:00:00Z'))).toBe(60);
    expect(businessMinutesBetween(calendar, at('2025-03-15T00:00:00Z'), at('2025-03-17T00:00:00Z'))).toBe(120);
    // 01:30 EST plus 45 minutes: 30 until the clocks jump from 02:00 to 03:00 EDT, then 15.
    expect(dueAt(calendar, at('2025-03-09T06:30:00Z'), 45)).toBe(at('2025-03-09T07:15:00Z'));
  });

  it('gives an interval inside the skipped hour no time at all', () => {
    const calendar = sundayOnly('America/New_York', '02:00', '03:00');
    expect(businessMinutesBetween(calendar, at('2025-03-08T00:00:00Z'), at('2025-03-10T00:00:00Z'))).toBe(0);
    // The next Sunday has the hour, 02:00 EDT.
    expect(dueAt(calendar, at('2025-03-08T00:00:00Z'), 10)).toBe(at('2025-03-16T06:10:00Z'));
  });

  it('gives 00:30–02:30 three real hours on the New York fall-back night', () => {
    const calendar = sundayOnly('America/New_York', '00:30', '02:30');
    expect(businessMinutesBetween(calendar, at('2025-11-01T00:00:00Z'), at('2025-11-03T00:00:00Z'))).toBe(180);
    // 00:30 EDT plus 90 minutes is the second 01:00, in EST.
    expect(dueAt(calendar, at('2025-11-02T04:30:00Z'), 90)).toBe(at('2025-11-02T06:00:00Z'));
    expect(dueAt(calendar, at('2025-11-02T04:30:00Z'), 180)).toBe(at('2025-11-02T07:30:00Z'));
  });

  it('follows Lord Howe’s half-hour shifts: 01:00–04:00 lasts 150 minutes in October, 210 in April', () => {
    const calendar = sundayOnly('Australia/Lord_Howe', '01:00', '04:00');
    expect(businessMinutesBetween(calendar, at('2025-10-04T00:00:00Z'), at('2025-10-05T12:00:00Z'))).toBe(150);
    expect(businessMinutesBetween(calendar, at('2025-04-05T00:00:00Z'), at('2025-04-06T12:00:00Z'))).toBe(210);
  });

  it('handles zones that change clocks at midnight (Havana springs forward from 00:00, Santiago falls back to Saturday 23:00)', () => {
    const havanaSunday = sundayOnly('America/Havana', '00:00', '02:00');
    expect(businessMinutesBetween(havanaSunday, at('2025-03-08T12:00:00Z'), at('2025-03-10T00:00:00Z'))).toBe(60);
    const saturdayEvening: BusinessHoursCalendar = {
      kind: 'business',
      time_zone: 'America/Santiago',
      week: { 6: [{ start: '22:00', end: '24:00' }] },
      holidays: [],
    };
    expect(businessMinutesBetween(saturdayEvening, at('2025-04-05T12:00:00Z'), at('2025-04-06T12:00:00Z'))).toBe(180);
  });
});

describe('the SLA clock in zones without DST and with half-hour offsets', () => {
  it('keeps Moscow at +3 while Europe changes clocks: Friday 17:00 plus four hours is Monday 12:00 MSK', () => {
    const moscow = weekdays('Europe/Moscow', [{ start: '09:00', end: '18:00' }]);
    expect(dueAt(moscow, at('2025-03-28T14:00:00Z'), 240)).toBe(at('2025-03-31T09:00:00Z'));
  });

  it('counts Kolkata hours at +5:30: Monday 18:30 plus an hour is Tuesday 10:30 IST', () => {
    const kolkata = weekdays('Asia/Kolkata', [{ start: '10:00', end: '19:00' }]);
    expect(dueAt(kolkata, at('2025-01-06T13:00:00Z'), 60)).toBe(at('2025-01-07T05:00:00Z'));
    expect(businessMinutesBetween(kolkata, at('2025-01-06T13:00:00Z'), at('2025-01-07T05:00:00Z'))).toBe(60);
  });
});

describe('the SLA clock over midnight', () => {
  // A night shift Monday to Friday: 22:00–24:00 and 00:00–06:00 the next morning.
  const night = [{ start: '22:00', end: '24:00' }];
  const morning = [{ start: '00:00', end: '06:00' }];
  const both = [...morning, ...night];
  const nightShift = (holidays: string[]): BusinessHoursCalendar => ({
    kind: 'business',
    time_zone: 'Europe/Moscow',
    week: { 1: night, 2: both, 3: both, 4: both, 5: both, 6: morning },
    holidays,
  });

  it('runs straight through midnight: Monday 23:30 plus an hour is Tuesday 00:30 MSK', () => {
    expect(dueAt(nightShift([]), at('2025-06-02T20:30:00Z'), 60)).toBe(at('2025-06-02T21:30:00Z'));
  });

  it('stops at midnight before a holiday, which closes that whole local date', () => {
    // 30 minutes on Monday night, then Tuesday is off; Wednesday 00:00 resumes.
    expect(dueAt(nightShift(['2025-06-03']), at('2025-06-02T20:30:00Z'), 60)).toBe(at('2025-06-03T21:30:00Z'));
  });
});

describe('the SLA clock round the clock', () => {
  const always: SlaCalendar = { kind: '24x7' };

  it('counts real time, DST or not', () => {
    expect(dueAt(always, at('2025-03-09T06:30:00Z'), 90)).toBe(at('2025-03-09T08:00:00Z'));
    expect(businessMinutesBetween(always, at('2025-03-09T00:00:00Z'), at('2025-03-10T00:00:00Z'))).toBe(1440);
  });
});

describe('pausing the SLA clock', () => {
  const monday9 = at('2025-06-16T13:00:00Z');
  const pending = { from: at('2025-06-16T14:00:00Z'), to: at('2025-06-17T14:00:00Z') }; // Monday 10:00 → Tuesday 10:00

  it('moves the due time by the business time spent paused', () => {
    // An hour before the pause, three after it: Tuesday 13:00.
    expect(dueAtWithPauses(newYork, monday9, 240, [pending])).toBe(at('2025-06-17T17:00:00Z'));
    expect(elapsedWithPauses(newYork, monday9, at('2025-06-17T16:00:00Z'), [pending])).toBe(180);
  });

  it('has no due time while an open pause holds the clock, and stops elapsed time at the pause', () => {
    const open = { from: pending.from, to: null };
    expect(dueAtWithPauses(newYork, monday9, 240, [open])).toBeNull();
    expect(elapsedWithPauses(newYork, monday9, at('2025-06-18T20:00:00Z'), [open])).toBe(60);
    // A target reached before the pause began is still due.
    expect(dueAtWithPauses(newYork, monday9, 30, [open])).toBe(at('2025-06-16T13:30:00Z'));
  });

  it('merges overlapping pauses and ignores pauses before the start or outside business hours', () => {
    const pauses = [
      { from: at('2025-06-16T14:00:00Z'), to: at('2025-06-16T16:00:00Z') }, // 10:00–12:00
      { from: at('2025-06-16T15:00:00Z'), to: at('2025-06-16T17:00:00Z') }, // 11:00–13:00
      { from: at('2025-06-10T00:00:00Z'), to: at('2025-06-16T13:00:00Z') }, // last week, until the start
      { from: at('2025-06-14T12:00:00Z'), to: at('2025-06-15T12:00:00Z') }, // the weekend before
    ];
    expect(elapsedWithPauses(newYork, monday9, at('2025-06-16T21:00:00Z'), pauses)).toBe(8 * 60 - 3 * 60);
    expect(elapsedWithPauses(newYork, monday9, at('2025-06-16T21:00:00Z'), [])).toBe(8 * 60);
  });

  it('refuses a pause that ends before it begins', () => {
    expect(() => elapsedWithPauses(newYork, monday9, monday9 + 1, [{ from: 10, to: 5 }])).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../http/validation-hook';
import { compileHours, slaCalendarSchema, type BusinessHoursCalendar } from './sla-calendar';

const nineToFive = [{ start: '09:00', end: '17:00' }];

/** What the admin API would answer for this body: `{ field, detail }` per refusal. */
function refusals(input: unknown) {
  const result = slaCalendarSchema.safeParse(input);
  if (result.success) throw new Error('expected the calendar to be refused');
  return fieldErrors(result.error, 'json');
}

const business = (patch: Record<string, unknown>) => ({
  kind: 'business',
  time_zone: 'Europe/Moscow',
  week: { 1: nineToFive },
  ...patch,
});

describe('SLA calendar schema', () => {
  it('accepts round-the-clock and business-hours calendars, holidays defaulting to none', () => {
    expect(slaCalendarSchema.parse({ kind: '24x7' })).toEqual({ kind: '24x7' });
    expect(slaCalendarSchema.parse(business({}))).toEqual({
      kind: 'business',
      time_zone: 'Europe/Moscow',
      week: { 1: nineToFive },
      holidays: [],
    });
  });

  it('accepts a day that runs to midnight, back-to-back intervals and half-hour zones', () => {
    const calendar = business({
      time_zone: 'Asia/Kolkata',
      week: { 0: [{ start: '00:00', end: '24:00' }], 3: [{ start: '13:00', end: '17:30' }, { start: '09:00', end: '13:00' }] },
      holidays: ['2025-01-26', '2028-02-29'],
    });
    expect(slaCalendarSchema.safeParse(calendar).success).toBe(true);
  });

  it('refuses zones the runtime does not know, and bare offsets', () => {
    expect(refusals(business({ time_zone: 'Mars/Olympus_Mons' }))).toEqual([
      { field: 'time_zone', detail: 'must be an IANA time zone name such as Europe/Moscow' },
    ]);
    for (const zone of ['+05:30', 'GMT+3 ', '', 'Europe/../Moscow']) {
      expect(refusals(business({ time_zone: zone })).map((e) => e.field), zone).toEqual(['time_zone']);
    }
  });

  it('refuses an interval that ends before it starts, naming it and suggesting two intervals for a night shift', () => {
    const [error, ...rest] = refusals(business({ week: { 5: [{ start: '22:00', end: '06:00' }] } }));
    expect(rest).toEqual([]);
    expect(error?.field).toBe('week.5.0.end');
    expect(error?.detail).toMatch(/overnight shift is two intervals/);
    expect(refusals(business({ week: { 5: [{ start: '09:00', end: '09:00' }] } })).map((e) => e.field)).toEqual(['week.5.0.end']);
  });

  it('refuses times that are not HH:MM, and 24:00 as an opening time', () => {
    const tuesday = [
      { start: '9:00', end: '17:00' },
      { start: '24:00', end: '24:00' },
      { start: '18:00', end: '24:01' },
    ];
    const errors = refusals(business({ week: { 2: tuesday } }));
    expect(errors.map((e) => e.field)).toEqual(['week.2.0.start', 'week.2.1.start', 'week.2.2.end']);
  });

  it('refuses overlapping intervals, naming the later one and the one it overlaps', () => {
    expect(refusals(business({ week: { 2: [{ start: '12:00', end: '18:00' }, { start: '09:00', end: '12:30' }] } }))).toEqual([
      { field: 'week.2.0', detail: 'overlaps 09:00–12:30' },
    ]);
  });

  it('refuses weekday keys outside 0–6 and a week that never opens', () => {
    expect(refusals(business({ week: { 7: nineToFive, 1: nineToFive } }))).toEqual([{ field: 'week.7', detail: 'is not a known field' }]);
    expect(refusals(business({ week: { 0: [], 6: [] } }))).toEqual([
      { field: 'week', detail: 'must open on at least one day (use kind "24x7" for round-the-clock targets)' },
    ]);
  });

  it('refuses holidays that are not real dates, or listed twice', () => {
    expect(refusals(business({ holidays: ['2025-02-30', '1 May', '2025-05-01', '2025-05-01', '2027-02-29'] }))).toEqual([
      { field: 'holidays.0', detail: 'must be a real calendar date' },
      { field: 'holidays.1', detail: 'must be a date YYYY-MM-DD' },
      { field: 'holidays.4', detail: 'must be a real calendar date' },
      { field: 'holidays.3', detail: 'lists 2025-05-01 twice' },
    ]);
  });

  it('refuses unknown kinds and unknown fields', () => {
    expect(refusals({ kind: 'lunar' }).map((e) => e.field)).toEqual(['kind']);
    expect(refusals({ kind: '24x7', time_zone: 'UTC' })).toEqual([{ field: 'time_zone', detail: 'is not a known field' }]);
  });
});

describe('compiled business hours', () => {
  it('refuse a calendar that never opens even when it skipped the schema', () => {
    const closed: BusinessHoursCalendar = { kind: 'business', time_zone: 'UTC', week: {}, holidays: [] };
    expect(() => compileHours(closed)).toThrow(RangeError);
  });

  it('hold intervals in ms from local midnight, sorted, and holidays as day numbers', () => {
    const calendar: BusinessHoursCalendar = {
      kind: 'business',
      time_zone: 'UTC',
      week: { 1: [{ start: '13:00', end: '24:00' }, { start: '00:00', end: '00:30' }] },
      holidays: ['1970-01-02'],
    };
    const hours = compileHours(calendar);
    expect(hours.week[1]).toEqual([
      [0, 30 * 60_000],
      [13 * 3_600_000, 24 * 3_600_000],
    ]);
    expect([...hours.holidays]).toEqual([1]);
    expect(compileHours(calendar)).toBe(hours);
  });
});

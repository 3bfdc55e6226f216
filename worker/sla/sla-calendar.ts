import { z } from '@hono/zod-openapi';
import { DAY_MS, isTimeZone, MINUTE_MS } from './zoned-time';

// When an SLA clock runs: round the clock, or business hours in one IANA zone.
// The schema is the admin API's body shape too (snake_case, like every JSON
// field), so each refusal carries the path of the field at fault.

const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// Checks that compare parts run only once each part is well formed, so one bad
// field gets one message.
const whenWellFormed = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const startTime = z.string().regex(TIME_OF_DAY, 'must be a time of day HH:MM from 00:00 to 23:59');
// 24:00 closes a day that runs to midnight; it cannot open one.
const endTime = z
  .string()
  .refine((s) => s === '24:00' || TIME_OF_DAY.test(s), 'must be a time of day HH:MM from 00:00 to 24:00');

const workInterval = z
  .strictObject({ start: startTime, end: endTime })
  .refine((i) => minutesOf(i.end) > minutesOf(i.start), {
    ...whenWellFormed,
    path: ['end'],
    message: 'must be after start; an overnight shift is two intervals (…–24:00 and 00:00–… the next day)',
  });

/** Opening hours of one weekday, local wall-clock time; intervals are half-open [start, end). */
const workDay = z
  .array(workInterval)
  .max(12, 'must have at most 12 intervals')
  .superRefine((intervals, ctx) => {
    const order = intervals.map((interval, index) => ({ index, start: minutesOf(interval.start), end: minutesOf(interval.end) }));
    order.sort((a, b) => a.start - b.start);
    for (let k = 1; k < order.length; k++) {
      const before = order[k - 1]!;
      const after = order[k]!;
      // Touching intervals (12:00 end, 12:00 start) are fine; sharing a minute is not.
      if (after.start < before.end) {
        const other = intervals[before.index]!;
        ctx.addIssue({ code: 'custom', path: [after.index], message: `overlaps ${other.start}–${other.end}` });
      }
    }
  }, whenWellFormed);

const WEEKDAYS = ['0', '1', '2', '3', '4', '5', '6'] as const;

const week = z
  .strictObject({
    '0': workDay.optional(),
    '1': workDay.optional(),
    '2': workDay.optional(),
    '3': workDay.optional(),
    '4': workDay.optional(),
    '5': workDay.optional(),
    '6': workDay.optional(),
  })
  .refine((w) => WEEKDAYS.some((day) => (w[day]?.length ?? 0) > 0), {
    ...whenWellFormed,
    message: 'must open on at least one day (use kind "24x7" for round-the-clock targets)',
  });

const holidayDate = z
  .string()
  .regex(DATE, 'must be a date YYYY-MM-DD')
  .refine(
    (s) => {
      const midnight = Date.parse(`${s}T00:00:00Z`);
      // Engines roll 2025-02-30 over to March instead of refusing it.
      return !Number.isNaN(midnight) && new Date(midnight).toISOString().startsWith(s);
    },
    { ...whenWellFormed, message: 'must be a real calendar date' },
  );

const holidays = z
  .array(holidayDate)
  .max(1000, 'must list at most 1000 dates')
  .superRefine((dates, ctx) => {
    const seen = new Set<string>();
    dates.forEach((date, index) => {
      if (seen.has(date)) ctx.addIssue({ code: 'custom', path: [index], message: `lists ${date} twice` });
      seen.add(date);
    });
  });

export const slaCalendarSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('24x7') }),
    z.strictObject({
      kind: z.literal('business'),
      time_zone: z.string().refine(isTimeZone, 'must be an IANA time zone name such as Europe/Moscow'),
      /** Keys are weekdays, 0 = Sunday … 6 = Saturday; a missing day is closed. */
      week,
      /** Local dates on which the business is closed all day. */
      holidays: holidays.default([]),
    }),
  ])
  .openapi('SlaCalendar');

export type SlaCalendar = z.output<typeof slaCalendarSchema>;
export type BusinessHoursCalendar = Extract<SlaCalendar, { kind: 'business' }>;

/** A business-hours calendar in the form the clock walks: milliseconds and day numbers. */
export interface CompiledHours {
  timeZone: string;
  /** Per weekday (0 = Sunday), sorted [start, end) offsets in ms from local midnight. */
  week: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  /** Holidays as days since 1970-01-01 (local dates). */
  holidays: ReadonlySet<number>;
}

const compiled = new WeakMap<BusinessHoursCalendar, CompiledHours>();

/**
 * Reads a calendar once per object (the sweep reuses one policy for many
 * tickets), so calendars are values: change one by making a new object. A
 * calendar that never opens would make the clock walk forever, so it is refused
 * here even if it skipped the schema.
 */
export function compileHours(calendar: BusinessHoursCalendar): CompiledHours {
  const known = compiled.get(calendar);
  if (known) return known;
  const week = WEEKDAYS.map((day) =>
    (calendar.week[day] ?? [])
      .map((i) => [minutesOf(i.start) * MINUTE_MS, minutesOf(i.end) * MINUTE_MS] as const)
      .sort((a, b) => a[0] - b[0]),
  );
  if (week.every((day) => day.length === 0)) throw new RangeError('SLA calendar has no business hours');
  const hours: CompiledHours = {
    timeZone: calendar.time_zone,
    week,
    holidays: new Set(calendar.holidays.map((date) => Date.parse(`${date}T00:00:00Z`) / DAY_MS)),
  };
  compiled.set(calendar, hours);
  return hours;
}

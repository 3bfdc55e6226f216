import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slaCalendarSchema, type SlaCalendar } from './sla-calendar';
import { businessMinutesBetween, dueAt, dueAtWithPauses, elapsedWithPauses, type Pause } from './sla-clock';

// The clock against a deliberately simple oracle that steps one minute at a
// time and asks Intl for the local wall clock of each minute.
//
// Alignment: the oracle's unit is the minute [m, m + 1 min) for m a whole UTC
// minute. Calendar boundaries are whole local minutes and, in the zones below,
// offsets and transitions are whole minutes too, so such a minute lies wholly
// inside or wholly outside business time. For whole-minute instants the clock
// (exact in ms) must therefore equal the oracle's minute counts exactly: the
// business minutes in [from, to) are the minutes counted, and dueAt(start, t)
// is the end of the t-th business minute counted from start. The laws further
// down use starts at any millisecond.

const MINUTE = 60_000;
const DAY = 86_400_000;
const YEARS_START = Date.UTC(2025, 0, 1);
const YEARS_END = Date.UTC(2028, 0, 1);
/** How far each oracle walk goes, in minutes; bounds the cost of one run. */
const HORIZON = 7 * 1440;

const ZONES = [
  'America/New_York',
  'Europe/Moscow',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Europe/London',
  'America/Havana',
  'America/Santiago',
  'America/St_Johns',
  'Pacific/Chatham',
  'Asia/Kathmandu',
  'Africa/Casablanca',
  'UTC',
] as const;

// ---- the oracle ----

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const wallFormats = new Map<string, Intl.DateTimeFormat>();

function wallClock(zone: string, instant: number) {
  let format = wallFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    wallFormats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  const [year, month, day, hour, minute] = [parts.year, parts.month, parts.day, parts.hour, parts.minute].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAY_NAMES.indexOf(parts.weekday!),
    minuteOfDay: hour * 60 + minute,
    /** The wall clock as a count of minutes, to see where it jumps. */
    wallMinute: Date.UTC(year, month - 1, day, hour, minute) / MINUTE,
  };
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

type Wall = ReturnType<typeof wallClock>;

function isBusinessMinute(calendar: SlaCalendar, wall: Wall): boolean {
  if (calendar.kind === '24x7') return true;
  if (calendar.holidays.includes(wall.date)) return false;
  const intervals = (calendar.week as Record<string, Array<{ start: string; end: string }> | undefined>)[wall.weekday] ?? [];
  return intervals.some((i) => minutesOf(i.start) <= wall.minuteOfDay && wall.minuteOfDay < minutesOf(i.end));
}

/** prefix[k] = how many of the first k minutes of the walk are counted. */
function runningCounts(length: number, counted: (k: number) => boolean): number[] {
  const prefix = [0];
  for (let k = 0; k < length; k++) prefix.push(prefix[k]! + (counted(k) ? 1 : 0));
  return prefix;
}

/** The smallest k with prefix[k] = prefix[from] + target: the end of the target-th counted minute. */
function minuteReaching(prefix: number[], from: number, target: number): number | null {
  for (let k = from; k < prefix.length; k++) if (prefix[k]! - prefix[from]! === target) return k;
  return null;
}

// ---- generators ----

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

// Boundaries favour midnight and the small hours, where clocks change.
const boundary = fc.oneof(fc.constantFrom(0, 60, 90, 120, 150, 180, 210, 1380, 1440), fc.integer({ min: 0, max: 1440 }));

const workDay = fc.uniqueArray(boundary, { maxLength: 6 }).map((points) => {
  const sorted = [...points].sort((a, b) => a - b);
  const intervals = [];
  for (let k = 0; k + 1 < sorted.length; k += 2) intervals.push({ start: hhmm(sorted[k]!), end: hhmm(sorted[k + 1]!) });
  return intervals;
});

const nineToFive = [{ start: '09:00', end: '17:00' }];
const withLunch = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
];
const officeWeek = { 1: nineToFive, 2: withLunch, 3: nineToFive, 4: nineToFive, 5: nineToFive };

const week = fc.oneof(
  fc.constant(officeWeek),
  fc
    .array(workDay, { minLength: 7, maxLength: 7 })
    .map((days) =>
      Object.fromEntries(days.flatMap((intervals, day) => (intervals.length > 0 ? [[String(day), intervals] as const] : []))),
    )
    .filter((days) => Object.keys(days).length > 0),
);

/** Days (00:00 UTC) on which each zone's offset changes, 2025–2027, so that starts can crowd around them. */
const transitionDays = new Map<string, number[]>(
  ZONES.map((zone) => {
    const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    const offsetName = (instant: number) => format.formatToParts(instant).find((part) => part.type === 'timeZoneName')!.value;
    const days: number[] = [];
    let previous = offsetName(YEARS_START);
    for (let day = YEARS_START; day < YEARS_END; day += DAY) {
      const current = offsetName(day + DAY);
      if (current !== previous) days.push(day);
      previous = current;
    }
    return [zone, days];
  }),
);

function wholeMinuteStart(zone: string) {
  const anywhere = fc.integer({ min: 0, max: (YEARS_END - YEARS_START) / MINUTE - 1 }).map((k) => YEARS_START + k * MINUTE);
  const days = transitionDays.get(zone)!;
  if (days.length === 0) return anywhere;
  const nearChange = fc
    .tuple(fc.constantFrom(...days), fc.integer({ min: -4 * 1440, max: 2 * 1440 }))
    .map(([day, minutes]) => day + minutes * MINUTE);
  return fc.oneof(anywhere, nearChange);
}

const isoDate = (instant: number) => new Date(instant).toISOString().slice(0, 10);

/** A calendar (validated by the schema, as the admin API would) and a whole-minute start near its holidays. */
const scenario = fc.constantFrom(...ZONES).chain((zone) =>
  fc
    .record({
      week,
      start: wholeMinuteStart(zone),
      holidayDays: fc.uniqueArray(fc.integer({ min: -1, max: 8 }), { maxLength: 4 }),
    })
    .map(({ week: hours, start, holidayDays }) => {
      const calendar = slaCalendarSchema.parse({
        kind: 'business',
        time_zone: zone,
        week: hours,
        holidays: holidayDays.map((d) => isoDate(start + d * DAY)),
      });
      if (calendar.kind !== 'business') throw new Error('the schema changed the kind');
      return { start, calendar };
    }),
);

/** Three (from, to, target) choices, reduced modulo what the walk allows. */
const picks = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 3, maxLength: 3 });

const pauseSpecs = fc.array(
  fc.record({ from: fc.integer({ min: -120, max: HORIZON }), length: fc.integer({ min: 0, max: HORIZON / 2 }), open: fc.boolean() }),
  { maxLength: 3 },
);

describe('the SLA clock agrees with a minute-by-minute oracle', () => {
  it('on business minutes between instants, due instants, and both with pauses', () => {
    fc.assert(
      fc.property(scenario, picks, pauseSpecs, fc.nat(), ({ calendar, start }, ranges, specs, pick) => {
        const minute = (k: number) => start + k * MINUTE;
        const walls = Array.from({ length: HORIZON + 1 }, (_, k) => wallClock(calendar.time_zone, minute(k)));
        const business = runningCounts(HORIZON, (k) => isBusinessMinute(calendar, walls[k]!));

        // Minute by minute across every clock change in the walk, where an error would hide.
        for (let jump = 0; jump < HORIZON; jump++) {
          if (walls[jump + 1]!.wallMinute - walls[jump]!.wallMinute === 1) continue;
          for (let k = Math.max(0, jump - 90); k < Math.min(HORIZON, jump + 90); k++) {
            expect(businessMinutesBetween(calendar, minute(k), minute(k + 1)), `minute ${k}`).toBe(business[k + 1]! - business[k]!);
          }
        }

        for (const [x, y, z] of ranges) {
          const [a, b] = [x % (HORIZON + 1), y % (HORIZON + 1)].sort((p, q) => p - q) as [number, number];
          expect(businessMinutesBetween(calendar, minute(a), minute(b))).toBe(business[b]! - business[a]!);
          const target = z % (business[HORIZON]! - business[a]! + 1);
          expect(dueAt(calendar, minute(a), target)).toBe(minute(minuteReaching(business, a, target)!));
        }

        const pauses: Pause[] = specs.map((p) => ({ from: minute(p.from), to: p.open ? null : minute(p.from + p.length) }));
        const paused = (k: number) => specs.some((p) => p.from <= k && (p.open || k < p.from + p.length));
        const running = runningCounts(HORIZON, (k) => business[k + 1]! > business[k]! && !paused(k));
        const now = pick % (HORIZON + 1);
        expect(elapsedWithPauses(calendar, start, minute(now), pauses)).toBe(running[now]);

        const target = pick % (running[HORIZON]! + 2);
        const reached = minuteReaching(running, 0, target);
        const due = dueAtWithPauses(calendar, start, target, pauses);
        if (reached !== null) expect(due).toBe(minute(reached));
        else if (specs.some((p) => p.open && p.from < HORIZON)) expect(due).toBeNull();
      }),
      { numRuns: 100 },
    );
  });
});

/** Any calendar, 24x7 included, with a start at any millisecond near its holidays. */
const anyScenario = fc.oneof(
  { weight: 4, arbitrary: scenario },
  { weight: 1, arbitrary: wholeMinuteStart('UTC').map((start) => ({ start, calendar: { kind: '24x7' } as SlaCalendar })) },
).chain(({ calendar, start }) => fc.integer({ min: 0, max: MINUTE - 1 }).map((ms) => ({ calendar, start: start + ms })));

/** Targets up to three round-the-clock days, which is months of business time in a sparse week. */
const targetMinutes = fc.integer({ min: 0, max: 3 * 1440 });
const later = fc.integer({ min: 0, max: 10 * DAY });

describe('the SLA clock obeys its laws', () => {
  const laws = { numRuns: 150 };

  it('counts exactly the target between the start and the due instant, and not one ms earlier', () => {
    fc.assert(
      fc.property(anyScenario, targetMinutes, ({ calendar, start }, target) => {
        const due = dueAt(calendar, start, target);
        expect(businessMinutesBetween(calendar, start, due)).toBe(target);
        if (target > 0) expect(businessMinutesBetween(calendar, start, due - 1)).toBeLessThan(target);
        expect(due - start).toBeGreaterThanOrEqual(target * MINUTE);
      }),
      laws,
    );
  });

  it('moves the due instant later with a larger target or a later start', () => {
    fc.assert(
      fc.property(anyScenario, targetMinutes, targetMinutes, later, ({ calendar, start }, t1, t2, delay) => {
        const [small, large] = [t1, t2].sort((a, b) => a - b) as [number, number];
        if (small < large) expect(dueAt(calendar, start, small)).toBeLessThan(dueAt(calendar, start, large));
        expect(dueAt(calendar, start, small)).toBeLessThanOrEqual(dueAt(calendar, start + delay, small));
      }),
      laws,
    );
  });

  it('adds up over consecutive ranges and never exceeds real time', () => {
    fc.assert(
      fc.property(anyScenario, later, later, ({ calendar, start }, d1, d2) => {
        const [middle, end] = [start + Math.min(d1, d2), start + Math.max(d1, d2)];
        const ms = (from: number, to: number) => Math.round(businessMinutesBetween(calendar, from, to) * MINUTE);
        expect(ms(start, middle) + ms(middle, end)).toBe(ms(start, end));
        expect(ms(start, end)).toBeLessThanOrEqual(end - start);
      }),
      laws,
    );
  });

  it('with pauses, counts no more and falls due no sooner, and counts the target exactly by the due instant', () => {
    const pauses = fc.array(
      fc.record({ from: fc.integer({ min: -DAY, max: 10 * DAY }), length: fc.integer({ min: 0, max: 5 * DAY }), open: fc.boolean() }),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(anyScenario, targetMinutes, pauses, later, ({ calendar, start }, target, specs, delay) => {
        const timeline: Pause[] = specs.map((p) => ({ from: start + p.from, to: p.open ? null : start + p.from + p.length }));
        const now = start + delay;
        expect(elapsedWithPauses(calendar, start, now, timeline)).toBeLessThanOrEqual(businessMinutesBetween(calendar, start, now));
        expect(elapsedWithPauses(calendar, start, now, [])).toBe(businessMinutesBetween(calendar, start, now));
        expect(dueAtWithPauses(calendar, start, target, [])).toBe(dueAt(calendar, start, target));
        const due = dueAtWithPauses(calendar, start, target, timeline);
        if (due === null) {
          expect(specs.some((p) => p.open)).toBe(true);
        } else {
          expect(due).toBeGreaterThanOrEqual(dueAt(calendar, start, target));
          expect(elapsedWithPauses(calendar, start, due, timeline)).toBe(target);
        }
      }),
      laws,
    );
  });
});

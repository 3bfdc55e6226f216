import { compileHours, type CompiledHours, type SlaCalendar } from './sla-calendar';
import { DAY_MS, MINUTE_MS, offsetSpans } from './zoned-time';

// The SLA clock: pure arithmetic over a calendar, instants in epoch ms.
//
// An instant is business time when its local wall-clock time in the calendar's
// zone falls inside one of the intervals of that local date's weekday, and the
// date is not a holiday. Everything follows from that one rule:
// - a DST gap shortens an interval that spans it (01:30–03:30 on a
//   spring-forward night is one real hour in New York) and an interval inside
//   the gap is empty; a repeated hour lengthens it (00:30–02:30 on a fall-back
//   night is three real hours);
// - "start" is an instant, not a minute: nothing is rounded, so a ticket opened
//   at 09:00:30 has its first business minute end at 09:01:30;
// - amounts are counted in ms internally and exactly; the public functions speak
//   minutes (fractional when the instants are not whole minutes apart).
//
// The walk goes interval by interval, with one Intl lookup per day for the
// offset (and a short binary search on a day the offset changes), so a five-day
// target costs a few dozen steps, never one per minute.

/** A stretch during which the clock stands still (a ticket pending or on hold); `to: null` is still paused. */
export interface Pause {
  from: number;
  to: number | null;
}

/** Business time from `from` on (and before `until`) as ordered instant ranges [start, end). */
function* businessRanges(hours: CompiledHours, from: number, until: number): Generator<readonly [number, number]> {
  for (const span of offsetSpans(hours.timeZone, from)) {
    if (span.start >= until) return;
    // Within a span the offset is fixed, so wall time and real time move together.
    const offset = span.offsetMs;
    const wallStart = span.start + offset;
    const wallEnd = Math.min(span.until, until) + offset;
    for (let day = Math.floor(wallStart / DAY_MS); day * DAY_MS < wallEnd; day++) {
      if (hours.holidays.has(day)) continue;
      // 1970-01-01, day 0, was a Thursday.
      const weekday = (((day + 4) % 7) + 7) % 7;
      const midnight = day * DAY_MS;
      for (const [open, close] of hours.week[weekday]!) {
        const start = Math.max(midnight + open, wallStart);
        const end = Math.min(midnight + close, wallEnd);
        if (start < end) yield [start - offset, end - offset];
      }
    }
  }
}

function businessMs(calendar: SlaCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  if (calendar.kind === '24x7') return to - from;
  let total = 0;
  for (const [start, end] of businessRanges(compileHours(calendar), from, to)) total += end - start;
  return total;
}

function dueAfterMs(calendar: SlaCalendar, start: number, targetMs: number): number {
  if (calendar.kind === '24x7' || targetMs === 0) return start + targetMs;
  let remaining = targetMs;
  // Unbounded: the calendar opens on some weekday and holidays are finite, so the walk ends.
  for (const [from, to] of businessRanges(compileHours(calendar), start, Infinity)) {
    if (remaining <= to - from) return from + remaining;
    remaining -= to - from;
  }
  throw new Error('unreachable: business time never ends');
}

function instant(name: string, value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite epoch-ms instant`);
  return value;
}

function targetMs(targetMinutes: number): number {
  if (!Number.isFinite(targetMinutes) || targetMinutes < 0) throw new RangeError('targetMinutes must be a finite number ≥ 0');
  return Math.round(targetMinutes * MINUTE_MS);
}

/**
 * The earliest instant by which `targetMinutes` of business time have passed
 * since `start`. A target reached exactly at closing time is due at closing, not
 * at the next opening; a zero target is due at `start`.
 */
export function dueAt(calendar: SlaCalendar, start: number, targetMinutes: number): number {
  return dueAfterMs(calendar, instant('start', start), targetMs(targetMinutes));
}

/** Business minutes in [from, to); 0 when `to` is not after `from`. */
export function businessMinutesBetween(calendar: SlaCalendar, from: number, to: number): number {
  return businessMs(calendar, instant('from', from), instant('to', to)) / MINUTE_MS;
}

/**
 * The stretches after `start` in which the clock runs: the complement of the
 * pauses, sorted and merged, as [from, to) with `to` Infinity for the last.
 */
function runningStretches(start: number, pauses: readonly Pause[]): Array<[number, number]> {
  const stopped = pauses
    .map((p) => {
      const to = p.to ?? Infinity;
      if (!Number.isFinite(p.from) || Number.isNaN(to) || to < p.from) {
        throw new RangeError('a pause must have a finite from and a to that is null or not before it');
      }
      return [Math.max(p.from, start), to] as const;
    })
    .filter(([from, to]) => from < to)
    .sort((a, b) => a[0] - b[0]);
  const stretches: Array<[number, number]> = [];
  let cursor = start;
  for (const [from, to] of stopped) {
    if (from > cursor) stretches.push([cursor, from]);
    cursor = Math.max(cursor, to);
  }
  if (cursor < Infinity) stretches.push([cursor, Infinity]);
  return stretches;
}

/** Business minutes in [start, now) outside the pauses (which may overlap, and may still be open). */
export function elapsedWithPauses(calendar: SlaCalendar, start: number, now: number, pauses: readonly Pause[]): number {
  instant('now', now);
  let total = 0;
  for (const [from, to] of runningStretches(instant('start', start), pauses)) {
    if (from >= now) break;
    total += businessMs(calendar, from, Math.min(to, now));
  }
  return total / MINUTE_MS;
}

/**
 * When `targetMinutes` of business time outside the pauses will have passed
 * since `start`; null while an open pause stops the clock before the target.
 * As with `dueAt`, a zero target is due at `start`, paused or not.
 */
export function dueAtWithPauses(
  calendar: SlaCalendar,
  start: number,
  targetMinutes: number,
  pauses: readonly Pause[],
): number | null {
  let remaining = targetMs(targetMinutes);
  if (remaining === 0) return instant('start', start);
  for (const [from, to] of runningStretches(instant('start', start), pauses)) {
    const available = to === Infinity ? Infinity : businessMs(calendar, from, to);
    if (remaining <= available) return dueAfterMs(calendar, from, remaining);
    remaining -= available;
  }
  return null;
}

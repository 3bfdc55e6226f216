// UTC offsets of IANA time zones, from the runtime's own tz data through
// Intl.DateTimeFormat (workerd and Node both ship full ICU), so no date library
// and no tz tables of our own that could drift from the platform's.

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

// Building a formatter costs far more than using one, and the sweep asks for the
// same few zones over and over.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

// Area/Location names such as America/New_York, Etc/GMT+3 or UTC. Offset strings
// ("+05:30") are refused although newer engines accept them: a fixed offset
// is not a zone, and the calendar promises an IANA name.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/** Whether the runtime knows `name` as an IANA time zone. */
export function isTimeZone(name: string): boolean {
  if (name.length > 64 || !ZONE_NAME.test(name)) return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** Local wall-clock time minus UTC, in ms, at `instant` (epoch ms). */
export function zoneOffsetMs(timeZone: string, instant: number): number {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  // Intl shows whole seconds, so compare with the instant's whole second.
  return wall - Math.floor(instant / 1000) * 1000;
}

/** A stretch of time [start, until) over which a zone keeps one offset; at most a day long. */
export interface OffsetSpan {
  start: number;
  until: number;
  offsetMs: number;
}

/**
 * The zone's offsets from `from` on, as back-to-back spans of at most a day,
 * ending early exactly at each transition. Looks one day ahead at a time, so it
 * assumes a zone changes offset at most once in any 24 hours, which holds for
 * every zone in the tz database this century. Transitions fall on whole seconds,
 * so a binary search over seconds finds each one exactly.
 */
export function* offsetSpans(timeZone: string, from: number): Generator<OffsetSpan> {
  let start = from;
  let offsetMs = zoneOffsetMs(timeZone, start);
  for (;;) {
    const horizon = start + DAY_MS;
    const offsetAtHorizon = zoneOffsetMs(timeZone, horizon);
    if (offsetAtHorizon === offsetMs) {
      yield { start, until: horizon, offsetMs };
      start = horizon;
      continue;
    }
    let same = Math.floor(start / 1000);
    let changed = Math.floor(horizon / 1000);
    while (changed - same > 1) {
      const middle = Math.floor((same + changed) / 2);
      if (zoneOffsetMs(timeZone, middle * 1000) === offsetMs) same = middle;
      else changed = middle;
    }
    yield { start, until: changed * 1000, offsetMs };
    start = changed * 1000;
    offsetMs = zoneOffsetMs(timeZone, start);
  }
}

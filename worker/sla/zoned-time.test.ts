import { describe, expect, it } from 'vitest';
import { DAY_MS, isTimeZone, offsetSpans, zoneOffsetMs, type OffsetSpan } from './zoned-time';

const HOUR = 3_600_000;
const at = Date.parse;

function firstSpans(zone: string, from: number, count: number): OffsetSpan[] {
  const spans: OffsetSpan[] = [];
  for (const span of offsetSpans(zone, from)) {
    spans.push(span);
    if (spans.length === count) break;
  }
  return spans;
}

describe('zone offsets', () => {
  it('follow New York in and out of daylight saving time', () => {
    expect(zoneOffsetMs('America/New_York', at('2025-01-15T12:00:00Z'))).toBe(-5 * HOUR);
    expect(zoneOffsetMs('America/New_York', at('2025-07-15T12:00:00Z'))).toBe(-4 * HOUR);
  });

  it('keep Moscow at +3 all year, Kolkata at +5:30 and Kathmandu at +5:45', () => {
    for (const month of ['01', '04', '07', '10']) {
      expect(zoneOffsetMs('Europe/Moscow', at(`2026-${month}-01T00:00:00Z`))).toBe(3 * HOUR);
      expect(zoneOffsetMs('Asia/Kolkata', at(`2026-${month}-01T00:00:00Z`))).toBe(5.5 * HOUR);
      expect(zoneOffsetMs('Asia/Kathmandu', at(`2026-${month}-01T00:00:00Z`))).toBe(5.75 * HOUR);
    }
  });

  it('see Lord Howe move by half an hour', () => {
    expect(zoneOffsetMs('Australia/Lord_Howe', at('2025-07-01T00:00:00Z'))).toBe(10.5 * HOUR);
    expect(zoneOffsetMs('Australia/Lord_Howe', at('2025-12-01T00:00:00Z'))).toBe(11 * HOUR);
  });

  it('ignore milliseconds within the second', () => {
    const instant = at('2025-03-09T06:59:59Z') + 999;
    expect(zoneOffsetMs('America/New_York', instant)).toBe(-5 * HOUR);
  });
});

describe('offset spans', () => {
  it('end exactly at the New York spring-forward and fall-back instants', () => {
    const [spring, afterSpring] = firstSpans('America/New_York', at('2025-03-08T12:00:00Z'), 2);
    expect(spring).toEqual({ start: at('2025-03-08T12:00:00Z'), until: at('2025-03-09T07:00:00Z'), offsetMs: -5 * HOUR });
    expect(afterSpring).toEqual({ start: at('2025-03-09T07:00:00Z'), until: at('2025-03-09T07:00:00Z') + DAY_MS, offsetMs: -4 * HOUR });
    const [fall] = firstSpans('America/New_York', at('2025-11-01T12:00:00.250Z'), 1);
    expect(fall).toEqual({ start: at('2025-11-01T12:00:00.250Z'), until: at('2025-11-02T06:00:00Z'), offsetMs: -4 * HOUR });
  });

  it('find the Lord Howe transition at 02:00 local (+10:30), a half-hour UTC instant', () => {
    const [before, after] = firstSpans('Australia/Lord_Howe', at('2025-10-04T00:00:00Z'), 2);
    expect(before?.until).toBe(at('2025-10-04T15:30:00Z'));
    expect(after?.offsetMs).toBe(11 * HOUR);
  });

  it('are back to back and at most a day long', () => {
    const spans = firstSpans('Africa/Casablanca', at('2025-01-01T00:00:00Z'), 400).filter(
      (span) => span.start < at('2026-01-01T00:00:00Z'),
    );
    spans.forEach((span, k) => {
      expect(span.until - span.start).toBeLessThanOrEqual(DAY_MS);
      expect(span.until).toBeGreaterThan(span.start);
      if (k > 0) expect(span.start).toBe(spans[k - 1]!.until);
      expect(zoneOffsetMs('Africa/Casablanca', span.until - 1000)).toBe(span.offsetMs);
    });
    // Morocco left +1 for Ramadan 2025 (23 February) and came back (6 April).
    const changes = spans.filter((span, k) => k > 0 && span.offsetMs !== spans[k - 1]!.offsetMs);
    expect(changes.map((span) => [new Date(span.start).toISOString(), span.offsetMs / HOUR])).toEqual([
      ['2025-02-23T02:00:00.000Z', 0],
      ['2025-04-06T02:00:00.000Z', 1],
    ]);
  });
});

describe('time zone names', () => {
  it('are IANA names the runtime knows', () => {
    const known = ['America/New_York', 'Europe/Moscow', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC', 'Etc/GMT+3', 'America/Argentina/Salta'];
    for (const zone of known) {
      expect(isTimeZone(zone), zone).toBe(true);
    }
    for (const zone of ['Mars/Base', '+05:30', 'UTC+3', 'GMT+3 ', '', 'Europe/', 'a'.repeat(65)]) {
      expect(isTimeZone(zone), zone).toBe(false);
    }
  });
});

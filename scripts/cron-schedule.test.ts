import { describe, expect, it } from 'vitest';
import { nextMinute, parseCron } from './cron-schedule.ts';

const at = (iso: string) => Date.parse(iso);

/** Every minute of a UTC day on which `expression` fires, as "HH:MM". */
function firingsOn(expression: string, day: string): string[] {
  const schedule = parseCron(expression);
  const start = at(`${day}T00:00:00Z`);
  const times: string[] = [];
  for (let minute = start; minute < start + 86_400_000; minute += 60_000) {
    if (schedule.matches(minute)) times.push(new Date(minute).toISOString().slice(11, 16));
  }
  return times;
}

describe('the local cron schedule', () => {
  it('fires "* * * * *" in every minute of the day', () => {
    expect(firingsOn('* * * * *', '2026-11-28')).toHaveLength(1440);
  });

  it('fires "17 * * * *" once an hour at :17, in UTC', () => {
    const times = firingsOn('17 * * * *', '2026-03-29');
    expect(times).toHaveLength(24);
    expect(times.every((time) => time.endsWith(':17'))).toBe(true);
  });

  it('matches anywhere inside the minute, not only its first millisecond', () => {
    expect(parseCron('17 * * * *').matches(at('2026-11-28T05:17:59.999Z'))).toBe(true);
    expect(parseCron('17 * * * *').matches(at('2026-11-28T05:18:00.000Z'))).toBe(false);
  });

  it('reads steps, ranges and lists', () => {
    expect(firingsOn('*/15 9-10 * * *', '2026-11-28')).toEqual(['09:00', '09:15', '09:30', '09:45', '10:00', '10:15', '10:30', '10:45']);
    expect(firingsOn('5,50 0 * * *', '2026-11-28')).toEqual(['00:05', '00:50']);
    expect(firingsOn('10-30/10 3 * * *', '2026-11-28')).toEqual(['03:10', '03:20', '03:30']);
    expect(firingsOn('45/5 23 * * *', '2026-11-28')).toEqual(['23:45', '23:50', '23:55']);
  });

  it('honours the day of month and the month', () => {
    expect(firingsOn('0 6 1 * *', '2026-12-01')).toEqual(['06:00']);
    expect(firingsOn('0 6 1 * *', '2026-12-02')).toEqual([]);
    expect(firingsOn('0 0 * 2 *', '2027-02-14')).toEqual(['00:00']);
    expect(firingsOn('0 0 * 2 *', '2027-03-14')).toEqual([]);
  });

  it.each([
    ['* * * *', /expected 5 fields/],
    ['0 9 * * MON', /day-of-week/],
    ['0 9 * * 1-5', /day-of-week/],
    ['0 9 L * *', /not a number/],
    ['60 * * * *', /outside 0–59/],
    ['0 24 * * *', /outside 0–23/],
    ['*/0 * * * *', /outside|empty/],
    ['30-10 * * * *', /empty/],
    ['0 0 0 * *', /outside 1–31/],
  ])('refuses "%s" loudly rather than never firing it', (expression, message) => {
    expect(() => parseCron(expression)).toThrow(message);
  });

  it('counts the next minute boundary strictly after an instant', () => {
    expect(nextMinute(at('2026-11-28T05:17:00.000Z'))).toBe(at('2026-11-28T05:18:00.000Z'));
    expect(nextMinute(at('2026-11-28T05:17:59.999Z'))).toBe(at('2026-11-28T05:18:00.000Z'));
    expect(nextMinute(at('2026-12-31T23:59:30.000Z'))).toBe(at('2027-01-01T00:00:00.000Z'));
  });
});

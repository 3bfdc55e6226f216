// Which Cron Triggers fire at a given minute, for scripts/local-cron.ts.
// Cloudflare runs crons in UTC. This reads the five-field forms our
// wrangler.toml can reasonably use — `*`, `*/n`, numbers, ranges `a-b`,
// `a-b/n` and comma lists for minute, hour, day of month and month — and
// refuses anything else (names, `L`, `W`, `#`, `?`, a day-of-week field other
// than `*`) when it is read, so a new trigger we cannot time fails loudly at
// `npm start` instead of silently never running.

export interface CronSchedule {
  expression: string;
  /** True when the trigger fires in the UTC minute that contains `instant` (ms). */
  matches(instant: number): boolean;
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
] as const;

function whole(text: string, what: string, expression: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`Cron "${expression}": the ${what} "${text}" is not a number this local scheduler reads.`);
  return Number(text);
}

/** The values one field allows, e.g. "*\/15" over minutes → {0, 15, 30, 45}. */
function fieldValues(text: string, field: (typeof FIELDS)[number], expression: string): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : whole(stepText, `step of the ${field.name}`, expression);
    let from: number = field.min;
    let to: number = field.max;
    if (range !== '*') {
      const [start = '', end] = range.split('-');
      from = whole(start, field.name, expression);
      to = end === undefined ? (stepText === undefined ? from : field.max) : whole(end, field.name, expression);
    }
    if (step < 1 || from < field.min || to > field.max || from > to) {
      throw new Error(`Cron "${expression}": the ${field.name} "${part}" is outside ${field.min}–${field.max} or empty.`);
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

/** Reads a five-field cron expression; throws, naming the expression, on a form it does not handle. */
export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`Cron "${expression}": expected 5 fields (minute hour day month weekday), found ${parts.length}.`);
  if (parts[4] !== '*') throw new Error(`Cron "${expression}": this local scheduler does not read a day-of-week field; only "*".`);
  const [minutes, hours, days, months] = FIELDS.map((field, i) => fieldValues(parts[i]!, field, expression));
  return {
    expression,
    matches(instant) {
      const at = new Date(instant);
      return (
        minutes!.has(at.getUTCMinutes()) && hours!.has(at.getUTCHours()) && days!.has(at.getUTCDate()) && months!.has(at.getUTCMonth() + 1)
      );
    },
  };
}

/** The start of the next whole UTC minute strictly after `instant` (ms). */
export function nextMinute(instant: number): number {
  return Math.floor(instant / 60_000) * 60_000 + 60_000;
}

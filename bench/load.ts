// One load scenario through autocannon, timed by us: autocannon reports no p95,
// so every response time is kept and the percentiles are read off the sorted list.
import autocannon, { type Instance, type Request, type Result } from 'autocannon';

export interface Scenario {
  name: string;
  /** What is asked, for the table (`GET /api/v1/tickets?…`). */
  what: string;
  requests: Request[];
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  headers: Record<string, string>;
}

export interface Measurement {
  name: string;
  what: string;
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  /** Status code → count, for the answers that were not 2xx. */
  badStatuses: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Mean response body size, bytes. */
  meanBytes: number;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

let running: Instance | null = null;

/** Stops the scenario under way, if any (Ctrl-C). */
export function stopLoad(): void {
  running?.stop();
}

export async function runLoad(scenario: Scenario, options: LoadOptions): Promise<Measurement> {
  let times = new Float64Array(1 << 16);
  let count = 0;
  let bytes = 0;
  const badStatuses: Record<string, number> = {};
  const result = await new Promise<Result>((resolve, reject) => {
    const instance = autocannon(
      { url: options.url, connections: options.connections, duration: options.duration, headers: options.headers, requests: scenario.requests },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    running = instance;
    instance.on('response', (_client, statusCode, resBytes, responseTime) => {
      if (count === times.length) {
        const grown = new Float64Array(times.length * 2);
        grown.set(times);
        times = grown;
      }
      times[count++] = responseTime;
      bytes += resBytes;
      if (statusCode < 200 || statusCode > 299) badStatuses[statusCode] = (badStatuses[statusCode] ?? 0) + 1;
    });
  }).finally(() => (running = null));

  const sorted = times.subarray(0, count).sort();
  return {
    name: scenario.name,
    what: scenario.what,
    requests: count,
    seconds: result.duration,
    perSecond: count / result.duration,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    non2xx: Object.values(badStatuses).reduce((a, b) => a + b, 0),
    badStatuses,
    errors: result.errors,
    timeouts: result.timeouts,
    meanBytes: count ? bytes / count : 0,
  };
}

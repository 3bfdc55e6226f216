// The benchmark's results as text: the machine it ran on, and one table (for the
// terminal and, identically, as markdown for docs/performance.md).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { ROOT } from '../scripts/run-command.ts';
import type { Measurement } from './load.ts';

/** The issue's targets, as shares of the /health throughput of the same run. */
export const TARGETS: Readonly<Record<string, { ratio: number; p95?: number }>> = {
  'ticket list': { ratio: 0.5, p95: 30 },
  'ticket create': { ratio: 0.3 },
};

const versionOf = (pkg: string): string =>
  (JSON.parse(readFileSync(`${ROOT}node_modules/${pkg}/package.json`, 'utf8')) as { version: string }).version;

export function machineInfo(): string[] {
  const cpus = os.cpus();
  return [
    `Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()})`,
    `Load average when the benchmark started: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    `Node ${process.version} · wrangler ${versionOf('wrangler')} · autocannon ${versionOf('autocannon')}`,
  ];
}

export interface Verdict {
  text: string;
  met: boolean | null;
}

/** Whether a scenario met its target (null: it has none). */
export function verdict(m: Measurement, floor: number): Verdict {
  const target = TARGETS[m.name];
  if (!target) return { text: '—', met: null };
  const ratioMet = m.perSecond / floor >= target.ratio;
  const p95Met = target.p95 === undefined || m.p95 <= target.p95;
  const text = `≥ ${target.ratio.toFixed(1)}×${target.p95 !== undefined ? `, p95 ≤ ${target.p95} ms` : ''}`;
  return { text: `${text}: ${ratioMet && p95Met ? 'met' : 'MISSED'}`, met: ratioMet && p95Met };
}

const HEADER = ['Scenario', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx', 'errors', '× /health', 'Target'];

function rows(results: Measurement[]): string[][] {
  const floor = results.find((m) => m.name === 'health')?.perSecond ?? Number.NaN;
  return results.map((m) => [
    m.name,
    m.perSecond.toFixed(0),
    m.p50.toFixed(1),
    m.p95.toFixed(1),
    m.p99.toFixed(1),
    String(m.non2xx),
    String(m.errors),
    // Rounded down, so a ratio just short of its target never reads as reaching it.
    (Math.floor((m.perSecond / floor) * 100) / 100).toFixed(2),
    verdict(m, floor).text,
  ]);
}

const NUMERIC = new Set([1, 2, 3, 4, 5, 6, 7]);

export function textTable(results: Measurement[]): string {
  const all = [HEADER, ...rows(results)];
  const widths = HEADER.map((_, c) => Math.max(...all.map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => (NUMERIC.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ');
  return [line(HEADER), widths.map((w) => '─'.repeat(w)).join('  '), ...rows(results).map(line)].join('\n');
}

export function markdownTable(results: Measurement[]): string {
  const line = (row: string[]) => `| ${row.join(' | ')} |`;
  const rule = `|${HEADER.map((_, c) => (NUMERIC.has(c) ? '---:' : '---')).join('|')}|`;
  return [line(HEADER), rule, ...rows(results).map(line)].join('\n');
}

// The realtime benchmark's results: notes on how it ran, then one table (for
// the terminal, and the same as markdown between scissors for docs/performance.md).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { ROOT } from '../scripts/run-command.ts';
import type { FanoutResult } from './fanout-load.ts';

/** The issue's targets for the TicketRoom: absolute up to 20 clients, relative to the reference beyond. */
const P99_TARGET_MS = 50;
const P99_TARGET_RATIO = 1.5;
const REFERENCE = 'y-websocket 1 (Node)';
/** bench/relay-floor: what a Durable Object that keeps nothing and only relays reaches on this runtime and machine. */
export const RELAY_FLOOR = { merged: 'Relay floor, merged (workerd)', frames: 'Relay floor, per frame (workerd)' } as const;

interface ReportConfig {
  rounds: number;
  rate: number;
  seconds: number;
  warmupSeconds: number;
  settleSeconds: number;
  clientsPerProcess: number;
  topology: string;
}

const versionOf = (pkg: string): string =>
  (JSON.parse(readFileSync(`${ROOT}node_modules/${pkg}/package.json`, 'utf8')) as { version: string }).version;

const LOAD_BEFORE = os.loadavg();

/** A row of the table: one run, or (with several rounds) the median of a server's runs at one size. */
type Row = FanoutResult & { label: string; summary: boolean };

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * One server at one size over every round: latencies and rates are the medians
 * of the rounds (one noisy round on a shared machine moves neither side much),
 * losses and dropped sockets the sums, the peak RSS the highest.
 */
function summarise(runs: FanoutResult[]): FanoutResult {
  const first = runs[0]!;
  const med = (pick: (r: FanoutResult) => number) => median(runs.map(pick));
  return {
    ...first,
    editsSent: runs.reduce((n, r) => n + r.editsSent, 0),
    editsPerSecond: med((r) => r.editsPerSecond),
    deliveredPerSecond: med((r) => r.deliveredPerSecond),
    p50: med((r) => r.p50),
    p95: med((r) => r.p95),
    p99: med((r) => r.p99),
    max: Math.max(...runs.map((r) => r.max)),
    drainSeconds: Math.max(...runs.map((r) => r.drainSeconds)),
    lost: runs.reduce((n, r) => n + r.lost, 0),
    dropped: runs.reduce((n, r) => n + r.dropped, 0),
    docsEqual: Math.min(...runs.map((r) => r.docsEqual)),
    lateJoinerComplete: runs.some((r) => r.lateJoinerComplete === false) ? false : first.lateJoinerComplete,
    idleRssBytes: Math.min(...runs.map((r) => r.idleRssBytes)),
    peakRssBytes: Math.max(...runs.map((r) => r.peakRssBytes)),
    serverCores: med((r) => r.serverCores),
    clientCores: med((r) => r.clientCores),
  };
}

/** The table's rows: with one round, the runs; with several, each round's runs and then each server's median. */
function tableRows(results: FanoutResult[], rounds: number): Row[] {
  if (rounds <= 1) return results.map((r) => ({ ...r, label: r.server, summary: true }));
  const out: Row[] = [];
  for (const clients of [...new Set(results.map((r) => r.clients))]) {
    const atSize = results.filter((r) => r.clients === clients);
    atSize.forEach((r, i) => out.push({ ...r, label: `${r.server}, round ${Math.floor(i / (atSize.length / rounds)) + 1}`, summary: false }));
    for (const server of [...new Set(atSize.map((r) => r.server))]) {
      out.push({ ...summarise(atSize.filter((r) => r.server === server)), label: `${server}, median of ${rounds}`, summary: true });
    }
  }
  return out;
}

/** The row a ratio is taken against: the reference's run of the same round, or its median for a median. */
const reference = (all: Row[], r: Row) =>
  r.summary ? all.find((x) => x.summary && x.server === REFERENCE && x.clients === r.clients) : all.find((x) => !x.summary && x.server === REFERENCE && x.clients === r.clients && x.label.endsWith(r.label.slice(r.label.lastIndexOf(','))));

function verdict(results: Row[], r: Row): { text: string; met: boolean } {
  if (!r.summary) return { text: '—', met: true };
  const intact = r.lost === 0 && r.dropped === 0 && r.docsEqual === r.clients && r.lateJoinerComplete !== false;
  if (!r.server.startsWith('TicketRoom')) return { text: intact ? 'no loss: met' : 'LOST UPDATES', met: intact };
  const ref = reference(results, r);
  const absolute = r.clients <= 20 || !ref;
  const latencyMet = absolute ? r.p99 <= P99_TARGET_MS : r.p99 <= P99_TARGET_RATIO * ref.p99;
  const text = absolute ? `p99 ≤ ${P99_TARGET_MS} ms, no loss` : `p99 ≤ ${P99_TARGET_RATIO}× ref, no loss`;
  return { text: `${text}: ${latencyMet && intact ? 'met' : 'MISSED'}`, met: latencyMet && intact };
}

const HEADER = [
  'Server',
  'Clients',
  'Edits/s',
  'Msgs/s out',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'max ms',
  'Drain s',
  'p99 × ref',
  'Lost',
  'Dropped',
  'Docs equal',
  'Late joiner',
  'RSS idle→peak MiB',
  'Server CPU',
  'Client CPU',
  'Target',
];
const NUMERIC = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

function rows(results: Row[]): string[][] {
  return results.map((r) => {
    const ref = reference(results, r);
    return [
      r.label,
      String(r.clients),
      r.editsPerSecond.toFixed(0),
      r.deliveredPerSecond.toFixed(0),
      r.p50.toFixed(1),
      r.p95.toFixed(1),
      r.p99.toFixed(1),
      r.max.toFixed(1),
      r.drainSeconds.toFixed(1),
      ref ? (r.p99 / ref.p99).toFixed(2) : '—',
      String(r.lost),
      String(r.dropped),
      `${r.docsEqual}/${r.clients}`,
      r.lateJoinerComplete === null ? 'n/a' : r.lateJoinerComplete ? 'complete' : 'INCOMPLETE',
      `${mib(r.idleRssBytes)}→${mib(r.peakRssBytes)}`,
      r.serverCores.toFixed(2),
      r.clientCores.toFixed(2),
      verdict(results, r).text,
    ];
  });
}

function textTable(results: Row[]): string {
  const all = [HEADER, ...rows(results)];
  const widths = HEADER.map((_, c) => Math.max(...all.map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => (NUMERIC.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ');
  return [line(HEADER), widths.map((w) => '─'.repeat(w)).join('  '), ...rows(results).map(line)].join('\n');
}

function markdownTable(results: Row[]): string {
  const line = (row: string[]) => `| ${row.join(' | ')} |`;
  const rule = `|${HEADER.map((_, c) => (NUMERIC.has(c) ? '---:' : '---')).join('|')}|`;
  return [line(HEADER), rule, ...rows(results).map(line)].join('\n');
}

function notes(config: ReportConfig): string[] {
  const cpus = os.cpus();
  return [
    `TicketRoom topology: ${config.topology}, on 127.0.0.1; clients authenticate with an API token (\`?token=\`), the tenant named by X-Tenant. y-websocket (\`bin/server.js\`) and Hocuspocus run in memory, each in its own Node process.`,
    ...(config.rounds > 1
      ? [`Rounds: ${config.rounds}; in each, every server runs once at each size, the order rotating from round to round; a server's "median" row takes the median of its rounds (sums for losses and dropped sockets), and the target is judged on the medians.`]
      : []),
    `Relay floor: Durable Objects under their own \`wrangler dev\` (bench/relay-floor) that answer a sync step 1 with an empty document and pass edits on, keeping, checking and writing nothing: the least a room can do on this runtime. "${RELAY_FLOOR.merged}" merges the updates of each turn of the event loop into one message to every socket, as the TicketRoom does; "${RELAY_FLOOR.frames}" sends every frame on to every other socket as it came, as y-websocket does.`,
    `Load: every client joins one document (a fresh one per run), owns one paragraph of the \`reply\` XmlFragment and appends a token (sender, sequence number, send time) ${config.rate} times a second for ${config.seconds} s, after ${config.warmupSeconds} s of warm-up edits (checked for loss, not in the percentiles).`,
    'Fan-out latency: from an edit being sent until the last other client has received it (the WebSocket message carrying it); p50/p95/p99/max over every measured edit. Msgs/s out: WebSocket messages delivered to all clients per second.',
    `Lost: edits that never reached every other client (stragglers are waited for while any keep arriving, until none has for ${config.settleSeconds} s), or are missing from any client's final document. Drain: how long after the last edit was sent every edit had reached every client (a server that falls behind drains its backlog here). Dropped: sockets the server closed during the run. Docs equal: clients whose final document (their edits plus everything received) is the expected one. Late joiner: a client joining after the run gets every edit (for the TicketRoom, through the portal's own client, src/lib/realtime).`,
    `Load generator: the clients run in Node processes of at most ${config.clientsPerProcess} clients each (bench/fanout-shard.ts), on one schedule and one clock (the system's monotonic clock), so that one event loop handling every client's messages is not what the latency measures. Clients timestamp an update when its frame arrives, keep its bytes in large blocks (a million small objects would make the generator's garbage collector pause), and integrate the updates into their Y.Doc after the run (merged): on a small machine, client-side Yjs work would otherwise be measured as server latency.`,
    'RSS: sum over the server processes (wrangler’s workerd; the Node process of each reference server), sampled from /proc every 200 ms; CPU: the same processes’ CPU time over the measured part, in cores (1.00 = one core busy). Client CPU: the load generator, all its processes.',
    `Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()}); load average before the run ${LOAD_BEFORE.map((l) => l.toFixed(2)).join(' ')}.`,
    `Versions: Node ${process.version} · wrangler ${versionOf('wrangler')} · yjs ${versionOf('yjs')} · y-partyserver ${versionOf('y-partyserver')} · y-websocket ${versionOf('y-websocket')} · @hocuspocus/server ${versionOf('@hocuspocus/server')}.`,
  ];
}

/** Prints the notes and the table (text, then markdown between scissors); returns how many targets were missed. */
export function printReport(runs: FanoutResult[], config: ReportConfig): number {
  const results = tableRows(runs, config.rounds);
  console.log(['', textTable(results), ''].join('\n'));
  console.log('----- 8< ----- docs/performance.md (markdown) -----');
  console.log([...notes(config).map((n) => `- ${n}`), '', markdownTable(results)].join('\n'));
  console.log('----- >8 -----');
  const missed = results.filter((r) => !verdict(results, r).met);
  if (missed.length > 0) console.log(`Targets missed: ${missed.map((r) => `${r.label} at ${r.clients} clients`).join(', ')}.`);
  return missed.length;
}

// One run of the fan-out benchmark against one Yjs server: N clients join one
// document, each appends a timestamped token to its own paragraph `rate` times
// a second, and every client notes when each other client's token arrives.
// Afterwards: was anything lost (every edit at every client, every document
// equal, and a client joining late gets it all)? The clients run in `shards`
// load-generator processes (fanout-shard.ts), on one shared schedule.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromShard, ShardEndpoint, ShardPlan, ToShard } from './fanout-shard.ts';
import { monotonicMs, percentile, sameList, summarise, type ShardTally } from './fanout-tracker.ts';
import type { ProcessSampler } from './process-sampler.ts';
import { YjsLoadClient } from './yjs-load-client.ts';

export type Endpoint = ShardEndpoint;

export interface FanoutTarget {
  name: string;
  /** Where the clients of document `room` connect, and how they speak. */
  endpoint(room: string): Endpoint;
  /** The document as a newcomer reads it (sorted paragraph texts); defaults to a bench client joining. */
  lateJoin?(room: string): Promise<string[]>;
  /** The server's processes. */
  sampler: ProcessSampler;
  /** A relay that keeps no document (the relay floor): no late joiner is asked. */
  keepsNoDocument?: true;
}

export interface LoadPlan {
  clients: number;
  /** Edits per second, per client. */
  rate: number;
  /** The measured part of the run. */
  seconds: number;
  /** Edits before the measured part: sent and checked for loss, not in the percentiles. */
  warmupSeconds: number;
  /** After the last edit, stragglers are waited for until none has arrived for this long; then they count as lost. */
  settleSeconds: number;
  /** Load-generator processes the clients are spread over. */
  shards: number;
}

export interface FanoutResult {
  server: string;
  clients: number;
  editsSent: number;
  /** Edits sent per second, all clients, over the measured part. */
  editsPerSecond: number;
  /** WebSocket messages delivered to the clients per second over the same time. */
  deliveredPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Seconds from the last edit being sent until every edit had reached every client (or delivery stopped). */
  drainSeconds: number;
  /** Edits that did not reach every other client, plus edits missing from any final document. */
  lost: number;
  /** Clients whose final document equals the expected one. */
  docsEqual: number;
  /** Whether a client joining after the run got every edit; null for a server that keeps no document. */
  lateJoinerComplete: boolean | null;
  /** Sockets the server closed during the run. */
  dropped: number;
  idleRssBytes: number;
  peakRssBytes: number;
  /** Server CPU over the measured part, in cores (1.0 = one core busy). */
  serverCores: number;
  /** The load generator's CPU over the same time, in cores (all its processes). */
  clientCores: number;
  shards: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const SHARD_SCRIPT = fileURLToPath(new URL('./fanout-shard.ts', import.meta.url));

/** One load-generator process, driven by messages; `next(type)` resolves with its next message of that type. */
class Shard {
  readonly child: ChildProcess;
  deliveries = 0;
  complete = false;
  readonly #waiting = new Map<FromShard['type'], (message: FromShard) => void>();
  readonly #failed: Promise<never>;

  constructor() {
    this.child = fork(SHARD_SCRIPT, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: FromShard) => {
      if (message.type === 'progress') {
        this.deliveries = message.deliveries;
        this.complete = message.complete;
        return;
      }
      this.#waiting.get(message.type)?.(message);
      this.#waiting.delete(message.type);
    });
    this.#failed = new Promise((_, reject) => {
      this.child.on('message', (message: FromShard) => {
        if (message.type === 'error') reject(new Error(`a load-generator process failed: ${message.message}`));
      });
      this.child.on('exit', (code) => {
        if (code !== 0) reject(new Error(`a load-generator process exited with ${code}`));
      });
    });
    this.#failed.catch(() => {});
  }

  send(message: ToShard): void {
    this.child.send(message);
  }

  next<T extends FromShard['type']>(type: T): Promise<Extract<FromShard, { type: T }>> {
    const arrived = new Promise<Extract<FromShard, { type: T }>>((resolve) => this.#waiting.set(type, resolve as (message: FromShard) => void));
    return Promise.race([arrived, this.#failed]);
  }

  stop(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}

/**
 * Waits until every edit has reached every client, for as long as edits keep
 * arriving: a server that fell behind is late, not lossy. Gives up once nothing
 * new has arrived for `quietMs` (or after ten minutes).
 */
async function waitForDelivery(shards: readonly Shard[], quietMs: number): Promise<boolean> {
  const giveUp = performance.now() + 600_000;
  const deliveries = () => shards.reduce((sum, shard) => sum + shard.deliveries, 0);
  let seen = deliveries();
  let lastProgress = performance.now();
  while (!shards.every((shard) => shard.complete)) {
    const now = performance.now();
    if (deliveries() !== seen) {
      seen = deliveries();
      lastProgress = now;
    } else if (now - lastProgress > quietMs || now > giveUp) {
      return false;
    }
    await sleep(25);
  }
  return true;
}

async function rawLateJoin(endpoint: Endpoint): Promise<string[]> {
  const newcomer = new YjsLoadClient({ ...endpoint, onUpdate: () => {} });
  try {
    await newcomer.synced();
    return newcomer.paragraphs();
  } finally {
    await newcomer.close();
  }
}

/** Splits `clients` into `shards` contiguous ranges, as even as can be. */
function ranges(clients: number, shards: number) {
  const count = Math.max(1, Math.min(shards, clients));
  return Array.from({ length: count }, (_, i) => {
    const first = Math.floor((i * clients) / count);
    return { first, count: Math.floor(((i + 1) * clients) / count) - first };
  });
}

export async function runFanout(target: FanoutTarget, room: string, plan: LoadPlan, log: (line: string) => void): Promise<FanoutResult> {
  const idle = target.sampler.mark();
  const shardPlan: ShardPlan = {
    clients: plan.clients,
    perClient: Math.round(plan.rate * (plan.warmupSeconds + plan.seconds)),
    warmupEdits: Math.round(plan.rate * plan.warmupSeconds),
    period: 1000 / plan.rate,
  };
  const endpoint = target.endpoint(room);
  const shardRanges = ranges(plan.clients, plan.shards);
  const shards = shardRanges.map(() => new Shard());
  try {
    // One shard connects at a time, its clients a few at a time: the point is the steady state, not a connection storm.
    for (const [i, range] of shardRanges.entries()) {
      shards[i]!.send({ type: 'connect', endpoint, plan: shardPlan, range });
      await shards[i]!.next('connected');
    }
    await sleep(500);
    log(`${target.name}: ${plan.clients} clients connected (${shards.length} load-generator process${shards.length === 1 ? '' : 'es'}); editing for ${plan.warmupSeconds} s of warm-up + ${plan.seconds} s…`);

    // Every shard starts on the same schedule, a moment from now.
    const epoch = monotonicMs() + 200;
    const measureAt = epoch + shardPlan.warmupEdits * shardPlan.period;
    const sentMessages = shards.map((shard) => shard.next('sent'));
    for (const shard of shards) shard.send({ type: 'go', epoch, measureAt });
    let start = Number.NaN;
    const startMark = sleep(measureAt - monotonicMs()).then(() => (start = target.sampler.mark().at));
    const sent = await Promise.all(sentMessages);
    await startMark;
    const end = target.sampler.mark();
    const measuredSeconds = (end.at - start) / 1000;

    const settled = await waitForDelivery(shards, plan.settleSeconds * 1000);
    const drained = target.sampler.mark();
    const drainSeconds = (drained.at - end.at) / 1000;
    if (!settled) log(`${target.name}: some edits never arrived everywhere (nothing new for ${plan.settleSeconds} s).`);
    else if (drainSeconds > 1) log(`${target.name}: the last edits arrived everywhere ${drainSeconds.toFixed(1)} s after the last was sent.`);

    const expected = sent.flatMap((message) => message.tokens.map((list) => list.join(''))).sort();
    // Before the clients leave: a server without persistence forgets a document nobody holds.
    const joining = target.keepsNoDocument ? null : target.lateJoin ? target.lateJoin(room) : rawLateJoin(endpoint);
    const newcomer = joining && (await Promise.race([joining, sleep(60_000).then(() => null)]));
    const results = shards.map((shard) => shard.next('result'));
    for (const shard of shards) shard.send({ type: 'finish', expected });
    const finished = await Promise.all(results);

    const dropped = finished.flatMap((result) => result.dropped);
    if (dropped.length > 0) {
      log(`${target.name}: the server closed ${dropped.length} of ${plan.clients} sockets during the run (first: ${dropped[0]!.code} ${dropped[0]!.reason || 'no reason'}).`);
    }
    const tallies: ShardTally[] = finished.map((result) => result.tally);
    const summary = summarise(tallies, plan.clients, shardPlan.perClient, shardPlan.warmupEdits);
    return {
      server: target.name,
      clients: plan.clients,
      editsSent: summary.sent,
      editsPerSecond: (plan.clients * (shardPlan.perClient - shardPlan.warmupEdits)) / measuredSeconds,
      deliveredPerSecond: sent.reduce((sum, message) => sum + message.messages / message.seconds, 0),
      p50: percentile(summary.latencies, 50),
      p95: percentile(summary.latencies, 95),
      p99: percentile(summary.latencies, 99),
      max: percentile(summary.latencies, 100),
      drainSeconds,
      lost: Math.max(summary.undelivered, ...finished.map((result) => result.missingInDocs)),
      docsEqual: finished.reduce((sum, result) => sum + result.docsEqual, 0),
      lateJoinerComplete: joining ? newcomer !== null && sameList(newcomer, expected) : null,
      dropped: dropped.length,
      idleRssBytes: idle.rssBytes,
      peakRssBytes: target.sampler.peakRss(idle.at, drained.at),
      serverCores: target.sampler.cpuSeconds(start, end.at) / measuredSeconds,
      clientCores: sent.reduce((sum, message) => sum + message.cpuSeconds / message.seconds, 0),
      shards: shards.length,
    };
  } finally {
    for (const shard of shards) shard.stop();
  }
}

// One run of the fan-out benchmark against one Yjs server: N clients join one
// document, each appends a timestamped token to its own paragraph `rate` times
// a second, and every client notes when each other client's token arrives.
// Afterwards: was anything lost (every edit at every client, every document
// equal, and a client joining late gets it all)?
import { editToken, FanoutTracker, percentile } from './fanout-tracker.ts';
import type { ProcessSampler } from './process-sampler.ts';
import { YjsLoadClient, type Dialect } from './yjs-load-client.ts';

export interface Endpoint {
  url: string;
  headers?: Record<string, string>;
  dialect: Dialect;
}

export interface FanoutTarget {
  name: string;
  /** Where the clients of document `room` connect, and how they speak. */
  endpoint(room: string): Endpoint;
  /** The document as a newcomer reads it (sorted paragraph texts); defaults to a bench client joining. */
  lateJoin?(room: string): Promise<string[]>;
  /** The server's processes. */
  sampler: ProcessSampler;
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
  lateJoinerComplete: boolean;
  /** Sockets the server closed during the run. */
  dropped: number;
  idleRssBytes: number;
  peakRssBytes: number;
  /** Server CPU over the measured part, in cores (1.0 = one core busy). */
  serverCores: number;
  /** The load generator's CPU over the same time, in cores. */
  clientCores: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until every edit has reached every client, for as long as edits keep
 * arriving: a server that fell behind is late, not lossy. Gives up once nothing
 * new has arrived for `quietMs` (or after ten minutes).
 */
async function waitForDelivery(tracker: FanoutTracker, quietMs: number): Promise<boolean> {
  const giveUp = performance.now() + 600_000;
  let seen = tracker.deliveries;
  let lastProgress = performance.now();
  while (!tracker.complete()) {
    const now = performance.now();
    if (tracker.deliveries !== seen) {
      seen = tracker.deliveries;
      lastProgress = now;
    } else if (now - lastProgress > quietMs || now > giveUp) {
      return false;
    }
    await sleep(25);
  }
  return true;
}

async function connectAll(plan: LoadPlan, endpoint: Endpoint, onUpdate: (client: number, update: Uint8Array, at: number) => void) {
  const clients: YjsLoadClient[] = [];
  // A few at a time: the point is the steady state, not a connection storm.
  for (let first = 0; first < plan.clients; first += 20) {
    const batch = Array.from({ length: Math.min(20, plan.clients - first) }, (_, k) => {
      const index = first + k;
      return new YjsLoadClient({ ...endpoint, onUpdate: (update, at) => onUpdate(index, update, at) });
    });
    clients.push(...batch);
    await Promise.all(batch.map((client) => client.synced()));
  }
  return clients;
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

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

/** How many of the edits in `tokens` are not in `paragraphs`. */
function missingTokens(paragraphs: readonly string[], tokens: readonly string[][]): number {
  const present = new Set(paragraphs.join('').match(/#[^;]*;/g) ?? []);
  return tokens.flat().filter((token) => !present.has(token)).length;
}

export async function runFanout(target: FanoutTarget, room: string, plan: LoadPlan, log: (line: string) => void): Promise<FanoutResult> {
  const idle = target.sampler.mark();
  const perClient = Math.round(plan.rate * (plan.warmupSeconds + plan.seconds));
  const warmupEdits = Math.round(plan.rate * plan.warmupSeconds);
  let tracker: FanoutTracker | null = null;
  const endpoint = target.endpoint(room);
  const clients = await connectAll(plan, endpoint, (client, update, at) => tracker?.delivered(client, update, at));
  for (const client of clients) client.start();
  await sleep(500);
  log(`${target.name}: ${plan.clients} clients connected; editing for ${plan.warmupSeconds} s of warm-up + ${plan.seconds} s…`);

  const period = 1000 / plan.rate;
  // Every send happens after this moment (timers never fire early), so send times are never negative.
  tracker = new FanoutTracker(plan.clients, perClient, performance.now());
  const clock = tracker;
  const tokens: string[][] = clients.map(() => []);
  const measured = { start: Number.NaN, messages: 0, cpu: process.cpuUsage() };
  const editing = clients.map(
    (client, sender) =>
      new Promise<void>((resolve) => {
        // Senders are spread evenly over each period, so the load is steady rather than in bursts.
        const offset = (sender / plan.clients) * period;
        let seq = 0;
        const tick = () => {
          if (seq === warmupEdits && sender === 0) {
            measured.start = target.sampler.mark().at;
            measured.messages = clients.reduce((sum, c) => sum + c.messages, 0);
            measured.cpu = process.cpuUsage();
          }
          const sentAt = clock.now();
          const token = editToken(sender, seq, sentAt);
          clock.sent(sender, seq, sentAt);
          tokens[sender]!.push(token);
          client.edit(token);
          seq += 1;
          if (seq >= perClient) return resolve();
          setTimeout(tick, Math.max(0, offset + seq * period - clock.now()));
        };
        setTimeout(tick, Math.max(0, offset - clock.now()));
      }),
  );
  await Promise.all(editing);
  const end = target.sampler.mark();
  const deliveredMessages = clients.reduce((sum, c) => sum + c.messages, 0) - measured.messages;
  const cpu = process.cpuUsage(measured.cpu);
  const measuredSeconds = (end.at - measured.start) / 1000;
  const settled = await waitForDelivery(clock, plan.settleSeconds * 1000);
  const drained = target.sampler.mark();
  const drainSeconds = (drained.at - end.at) / 1000;
  if (!settled) log(`${target.name}: some edits never arrived everywhere (nothing new for ${plan.settleSeconds} s).`);
  else if (drainSeconds > 1) log(`${target.name}: the last edits arrived everywhere ${drainSeconds.toFixed(1)} s after the last was sent.`);

  const dropped = clients.filter((client) => client.closedByServer !== null);
  if (dropped.length > 0) {
    const first = dropped[0]!.closedByServer!;
    log(`${target.name}: the server closed ${dropped.length} of ${plan.clients} sockets during the run (first: ${first.code} ${first.reason || 'no reason'}).`);
  }

  const expected = tokens.map((list) => list.join('')).sort();
  // Before the clients leave: a server without persistence forgets a document nobody holds.
  const joining = target.lateJoin ? target.lateJoin(room) : rawLateJoin(endpoint);
  const newcomer = await Promise.race([joining, sleep(60_000).then(() => null)]);
  await Promise.all(clients.map((client) => client.close()));

  const summary = clock.summary(warmupEdits);
  let docsEqual = 0;
  let missingInDocs = 0;
  for (const client of clients) {
    client.applyReceived();
    const paragraphs = client.paragraphs();
    if (sameList(paragraphs, expected)) docsEqual += 1;
    else missingInDocs = Math.max(missingInDocs, missingTokens(paragraphs, tokens));
  }
  return {
    server: target.name,
    clients: plan.clients,
    editsSent: summary.sent,
    editsPerSecond: (plan.clients * (perClient - warmupEdits)) / measuredSeconds,
    deliveredPerSecond: deliveredMessages / measuredSeconds,
    p50: percentile(summary.latencies, 50),
    p95: percentile(summary.latencies, 95),
    p99: percentile(summary.latencies, 99),
    max: percentile(summary.latencies, 100),
    drainSeconds,
    lost: Math.max(summary.undelivered, missingInDocs),
    docsEqual,
    lateJoinerComplete: newcomer !== null && sameList(newcomer, expected),
    dropped: dropped.length,
    idleRssBytes: idle.rssBytes,
    peakRssBytes: target.sampler.peakRss(idle.at, drained.at),
    serverCores: target.sampler.cpuSeconds(measured.start, end.at) / measuredSeconds,
    clientCores: (cpu.user + cpu.system) / 1e6 / measuredSeconds,
  };
}

// One load-generator process of the fan-out benchmark (started by fanout-load.ts
// with child_process.fork): it runs the clients `first` … `first + count - 1`,
// each editing on the shared schedule, and tallies what its clients received.
// With 100 clients the clients receive about 50,000 messages a second; one Node
// process handling all of them would be the bottleneck the benchmark measures.
import { editToken, FanoutTracker, monotonicMs, sameList, type ShardRange, type ShardTally } from './fanout-tracker.ts';
import { YjsLoadClient, type Dialect } from './yjs-load-client.ts';

export interface ShardEndpoint {
  url: string;
  headers?: Record<string, string>;
  dialect: Dialect;
}

export interface ShardPlan {
  clients: number;
  /** Edits each client makes, warm-up included. */
  perClient: number;
  warmupEdits: number;
  /** Milliseconds between one client's edits. */
  period: number;
}

/** What the parent tells a shard. */
export type ToShard =
  | { type: 'connect'; endpoint: ShardEndpoint; plan: ShardPlan; range: ShardRange }
  /** Start editing: the run begins at `epoch` and the warm-up ends at `measureAt` (both monotonicMs()). */
  | { type: 'go'; epoch: number; measureAt: number }
  | { type: 'finish'; expected: string[] };

/** What a shard tells the parent. */
export type FromShard =
  | { type: 'connected' }
  | { type: 'progress'; deliveries: number; complete: boolean }
  | {
      type: 'sent';
      /** The tokens each of this shard's clients inserted, in order. */
      tokens: string[][];
      /** Messages this shard's clients received, and its CPU seconds, from the end of the warm-up to its last edit. */
      messages: number;
      cpuSeconds: number;
      seconds: number;
    }
  | { type: 'result'; tally: ShardTally; docsEqual: number; missingInDocs: number; dropped: { code: number; reason: string }[] }
  | { type: 'error'; message: string };

const send = (message: FromShard) => new Promise<void>((resolve) => process.send!(message, undefined, {}, () => resolve()));

/** How many of the edits in `tokens` are not in `paragraphs`. */
function missingTokens(paragraphs: readonly string[], expected: readonly string[]): number {
  const present = new Set(paragraphs.join('').match(/#[^;]*;/g) ?? []);
  return expected.flatMap((paragraph) => paragraph.match(/#[^;]*;/g) ?? []).filter((token) => !present.has(token)).length;
}

let clients: YjsLoadClient[] = [];
let tracker: FanoutTracker | null = null;
let setup: Extract<ToShard, { type: 'connect' }> | null = null;
let tokens: string[][] = [];
let progress: ReturnType<typeof setInterval> | undefined;

async function connect(message: Extract<ToShard, { type: 'connect' }>): Promise<void> {
  setup = message;
  const { endpoint, range } = message;
  // A few at a time: the point is the steady state, not a connection storm.
  for (let first = range.first; first < range.first + range.count; first += 20) {
    const batch = Array.from({ length: Math.min(20, range.first + range.count - first) }, (_, k) => {
      const index = first + k;
      return new YjsLoadClient({ ...endpoint, onUpdate: (update, at) => tracker?.delivered(index, update, at) });
    });
    clients.push(...batch);
    await Promise.all(batch.map((client) => client.synced()));
  }
  tokens = clients.map(() => []);
  await send({ type: 'connected' });
}

async function go({ epoch, measureAt }: { epoch: number; measureAt: number }): Promise<void> {
  const { plan, range } = setup!;
  // Each client's paragraph, once every shard is connected: a server that keeps no document
  // (the relay floor) gives a latecomer nothing sent before it joined.
  for (const client of clients) client.start();
  tracker = new FanoutTracker(plan.clients, plan.perClient, epoch, range);
  const clock = tracker;
  progress = setInterval(() => void send({ type: 'progress', deliveries: clock.deliveries, complete: clock.complete() }), 100);
  const measured = { messages: 0, cpu: process.cpuUsage(), at: measureAt };
  setTimeout(
    () => {
      measured.messages = clients.reduce((sum, c) => sum + c.messages, 0);
      measured.cpu = process.cpuUsage();
      measured.at = monotonicMs();
    },
    Math.max(0, measureAt - monotonicMs()),
  );
  const editing = clients.map(
    (client, k) =>
      new Promise<void>((resolve) => {
        const sender = range.first + k;
        // Senders are spread evenly over each period, so the load is steady rather than in bursts.
        const offset = (sender / plan.clients) * plan.period;
        let seq = 0;
        const tick = () => {
          const sentAt = clock.now();
          const token = editToken(sender, seq, sentAt);
          clock.sent(sender, seq, sentAt);
          tokens[k]!.push(token);
          client.edit(token);
          seq += 1;
          if (seq >= plan.perClient) return resolve();
          setTimeout(tick, Math.max(0, offset + seq * plan.period - clock.now()));
        };
        setTimeout(tick, Math.max(0, offset - clock.now()));
      }),
  );
  await Promise.all(editing);
  const cpu = process.cpuUsage(measured.cpu);
  await send({
    type: 'sent',
    tokens,
    messages: clients.reduce((sum, c) => sum + c.messages, 0) - measured.messages,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    seconds: (monotonicMs() - measured.at) / 1000,
  });
}

async function finish(expected: string[]): Promise<void> {
  clearInterval(progress);
  const dropped = clients.flatMap((client) => (client.closedByServer ? [client.closedByServer] : []));
  await Promise.all(clients.map((client) => client.close()));
  let docsEqual = 0;
  let missingInDocs = 0;
  for (const client of clients) {
    client.applyReceived();
    const paragraphs = client.paragraphs();
    if (sameList(paragraphs, expected)) docsEqual += 1;
    else missingInDocs = Math.max(missingInDocs, missingTokens(paragraphs, expected));
  }
  await send({ type: 'result', tally: tracker!.tally(), docsEqual, missingInDocs, dropped });
  clients = [];
  process.disconnect();
}

process.on('message', (message: ToShard) => {
  const work = message.type === 'connect' ? connect(message) : message.type === 'go' ? go(message) : finish(message.expected);
  work.catch(async (error: unknown) => {
    process.exitCode = 1;
    await send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.disconnect();
  });
});
// Done, or the parent went away (interrupted): nothing left to do.
process.on('disconnect', () => process.exit());

// Bookkeeping for the fan-out benchmark: every edit carries a token naming its
// sender, its sequence number and when it was sent; every client reports what
// arrived and when. An edit's fan-out latency is the time until the last of the
// other clients has it.
//
// The clients are spread over several load-generator processes (shards), each
// with a tracker for its own receivers; the parent merges the trackers' tallies.
// They share a clock: the system's monotonic clock, the same in every process.

// The time may be a little negative: a shard's timer can fire a fraction of a millisecond before the epoch.
const TOKEN = /#(\d+)\.(\d+)\.(-?\d+);/g;

/** Milliseconds on the system's monotonic clock (CLOCK_MONOTONIC: one clock for every process on the machine). */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** The text an edit inserts: `#<sender>.<seq>.<µs since the run began>;`. */
export const editToken = (sender: number, seq: number, sentAtMs: number): string => `#${sender}.${seq}.${Math.round(sentAtMs * 1000)};`;

/** Which clients a shard runs: indices `first` … `first + count - 1` of `clients`. */
export interface ShardRange {
  first: number;
  count: number;
}

/** One shard's tally, sent to the parent (typed arrays cross the IPC channel intact). */
export interface ShardTally {
  /** When each edit was sent (ms since the run began), NaN unless this shard sent it. */
  sentAt: Float64Array;
  /** When the latest of this shard's receivers had it. */
  lastAt: Float64Array;
  /** How many of this shard's receivers have it. */
  count: Uint16Array;
}

export interface FanoutSummary {
  /** Fan-out latency (ms) of each measured edit that reached every other client, ascending. */
  latencies: Float64Array;
  /** Edits sent (all, warm-up included). */
  sent: number;
  /** Edits that did not reach every other client. */
  undelivered: number;
  /** (edit, client) pairs that never arrived. */
  missingDeliveries: number;
}

export class FanoutTracker {
  readonly clients: number;
  readonly perClient: number;
  readonly receivers: ShardRange;
  readonly #tally: ShardTally;
  /** Which receiver has which edit (a bitmap), so an edit that arrives twice counts once. */
  readonly #seen: Uint8Array;
  readonly #epoch: number;
  /** Every (edit, receiver) arrival so far: while it grows, stragglers are still coming. */
  deliveries = 0;

  /** `epoch`: when the run began, on the monotonic clock. */
  constructor(clients: number, perClient: number, epoch: number, receivers: ShardRange = { first: 0, count: clients }) {
    this.clients = clients;
    this.perClient = perClient;
    this.receivers = receivers;
    this.#epoch = epoch;
    const edits = clients * perClient;
    this.#tally = { sentAt: new Float64Array(edits).fill(Number.NaN), lastAt: new Float64Array(edits), count: new Uint16Array(edits) };
    this.#seen = new Uint8Array(Math.ceil((edits * receivers.count) / 8));
  }

  /** Milliseconds since the run began. */
  now(): number {
    return monotonicMs() - this.#epoch;
  }

  sent(sender: number, seq: number, atMs: number): void {
    this.#tally.sentAt[sender * this.perClient + seq] = atMs;
  }

  /** Reads the tokens in an update that arrived at `receiver` at `at` (monotonicMs()). */
  delivered(receiver: number, update: Uint8Array, at: number): void {
    const text = Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString('latin1');
    const atMs = at - this.#epoch;
    const { lastAt, count } = this.#tally;
    for (const match of text.matchAll(TOKEN)) {
      const sender = Number(match[1]);
      const seq = Number(match[2]);
      if (sender === receiver || sender >= this.clients || seq >= this.perClient) continue;
      const edit = sender * this.perClient + seq;
      const bit = edit * this.receivers.count + (receiver - this.receivers.first);
      const byte = bit >> 3;
      const mask = 1 << (bit & 7);
      if ((this.#seen[byte]! & mask) !== 0) continue;
      this.#seen[byte]! |= mask;
      this.deliveries += 1;
      count[edit]! += 1;
      if (atMs > lastAt[edit]!) lastAt[edit] = atMs;
    }
  }

  /** Whether every edit of the run (all sent by now) has reached every one of this tracker's receivers other than its sender. */
  complete(): boolean {
    const { first, count: receivers } = this.receivers;
    for (let edit = 0; edit < this.#tally.count.length; edit++) {
      const sender = Math.floor(edit / this.perClient);
      const expected = sender >= first && sender < first + receivers ? receivers - 1 : receivers;
      if (this.#tally.count[edit]! < expected) return false;
    }
    return true;
  }

  tally(): ShardTally {
    return this.#tally;
  }
}

/**
 * Every shard's tally together: the latencies of the edits with sequence number
 * ≥ `fromSeq` (the warm-up excluded), and what went missing.
 */
export function summarise(tallies: readonly ShardTally[], clients: number, perClient: number, fromSeq: number): FanoutSummary {
  const latencies: number[] = [];
  let sent = 0;
  let undelivered = 0;
  let missingDeliveries = 0;
  for (let edit = 0; edit < clients * perClient; edit++) {
    let sentAt = Number.NaN;
    let lastAt = 0;
    let count = 0;
    for (const tally of tallies) {
      if (!Number.isNaN(tally.sentAt[edit]!)) sentAt = tally.sentAt[edit]!;
      lastAt = Math.max(lastAt, tally.lastAt[edit]!);
      count += tally.count[edit]!;
    }
    if (Number.isNaN(sentAt)) continue;
    sent += 1;
    const missing = clients - 1 - count;
    if (missing > 0) {
      undelivered += 1;
      missingDeliveries += missing;
    } else if (edit % perClient >= fromSeq) {
      latencies.push(lastAt - sentAt);
    }
  }
  return { latencies: Float64Array.from(latencies).sort(), sent, undelivered, missingDeliveries };
}

/** Whether two documents' sorted paragraph texts are the same. */
export const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((value, i) => value === b[i]);

/** The nearest-rank percentile of ascending values (NaN when there are none). */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

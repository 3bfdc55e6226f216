// Bookkeeping for the fan-out benchmark: every edit carries a token naming its
// sender, its sequence number and when it was sent; every client reports what
// arrived and when. An edit's fan-out latency is the time until the last of the
// other clients has it. All clients live in one process, so they share a clock.

const TOKEN = /#(\d+)\.(\d+)\.(\d+);/g;

/** The text an edit inserts: `#<sender>.<seq>.<µs since the run began>;`. */
export const editToken = (sender: number, seq: number, sentAtMs: number): string => `#${sender}.${seq}.${Math.round(sentAtMs * 1000)};`;

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
  /** When each edit was sent (ms since the epoch), NaN until it is. */
  readonly #sentAt: Float64Array;
  /** When the latest other client received it. */
  readonly #lastAt: Float64Array;
  /** How many other clients have it. */
  readonly #count: Uint16Array;
  /** Which client has which edit (a bitmap), so an edit that arrives twice counts once. */
  readonly #seen: Uint8Array;
  readonly #epoch: number;
  /** Every (edit, client) arrival so far: while it grows, stragglers are still coming. */
  deliveries = 0;

  constructor(clients: number, perClient: number, epoch: number) {
    this.clients = clients;
    this.perClient = perClient;
    this.#epoch = epoch;
    const edits = clients * perClient;
    this.#sentAt = new Float64Array(edits).fill(Number.NaN);
    this.#lastAt = new Float64Array(edits);
    this.#count = new Uint16Array(edits);
    this.#seen = new Uint8Array(Math.ceil((edits * clients) / 8));
  }

  /** Milliseconds since the run began. */
  now(): number {
    return performance.now() - this.#epoch;
  }

  sent(sender: number, seq: number, atMs: number): void {
    this.#sentAt[sender * this.perClient + seq] = atMs;
  }

  /** Reads the tokens in an update that arrived at `receiver` at `at` (performance.now()). */
  delivered(receiver: number, update: Uint8Array, at: number): void {
    const text = Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString('latin1');
    const atMs = at - this.#epoch;
    for (const match of text.matchAll(TOKEN)) {
      const sender = Number(match[1]);
      const seq = Number(match[2]);
      if (sender === receiver || sender >= this.clients || seq >= this.perClient) continue;
      const edit = sender * this.perClient + seq;
      const bit = edit * this.clients + receiver;
      const byte = bit >> 3;
      const mask = 1 << (bit & 7);
      if ((this.#seen[byte]! & mask) !== 0) continue;
      this.#seen[byte]! |= mask;
      this.deliveries += 1;
      this.#count[edit]! += 1;
      if (atMs > this.#lastAt[edit]!) this.#lastAt[edit] = atMs;
    }
  }

  /** Whether every edit sent so far has reached every other client. */
  complete(): boolean {
    for (let edit = 0; edit < this.#sentAt.length; edit++) {
      if (!Number.isNaN(this.#sentAt[edit]!) && this.#count[edit]! < this.clients - 1) return false;
    }
    return true;
  }

  /** Latencies of the edits with sequence number ≥ `fromSeq` (the warm-up excluded), and what went missing. */
  summary(fromSeq: number): FanoutSummary {
    const latencies: number[] = [];
    let sent = 0;
    let undelivered = 0;
    let missingDeliveries = 0;
    for (let edit = 0; edit < this.#sentAt.length; edit++) {
      const sentAt = this.#sentAt[edit]!;
      if (Number.isNaN(sentAt)) continue;
      sent += 1;
      const missing = this.clients - 1 - this.#count[edit]!;
      if (missing > 0) {
        undelivered += 1;
        missingDeliveries += missing;
      } else if (edit % this.perClient >= fromSeq) {
        latencies.push(this.#lastAt[edit]! - sentAt);
      }
    }
    return { latencies: Float64Array.from(latencies).sort(), sent, undelivered, missingDeliveries };
  }
}

/** The nearest-rank percentile of ascending values (NaN when there are none). */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

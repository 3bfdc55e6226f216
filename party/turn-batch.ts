/**
 * Collects items and hands them over together: at once when `max` have
 * gathered, else on the next turn of the event loop, or whenever `flush()` is
 * called. The TicketRoom groups a turn's Yjs updates with it (one write and one
 * message per socket for many updates); bench:realtime's relay floor groups
 * its updates with the same code.
 */
/** At most this many items wait for one delivery: a busy turn is written and sent in parts. */
export const TURN_BATCH_MAX = 64;

export class TurnBatch<T> {
  readonly #max: number;
  readonly #deliver: (items: T[]) => void;
  #items: T[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(max: number, deliver: (items: T[]) => void) {
    this.#max = max;
    this.#deliver = deliver;
  }

  /** Items waiting to be handed over. */
  get size(): number {
    return this.#items.length;
  }

  add(item: T): void {
    this.#items.push(item);
    if (this.#items.length >= this.#max) this.flush();
    else this.#timer ??= setTimeout(() => this.flush(), 0);
  }

  /** Hands over what is waiting, if anything, now. */
  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const items = this.#items.splice(0);
    if (items.length > 0) this.#deliver(items);
  }
}

import * as Y from 'yjs';
import { renderDraft } from './draft-html';
import { deleteTakenContent } from './draft-take';
import type { TicketRoomStorage } from './ticket-room-storage';

// Sending a co-edited draft exactly once (DESIGN.md item 4). The room is
// single-threaded, so it is where concurrent sends meet:
//   take   → render the draft, remember its state vector (which items were taken);
//   commit → the API wrote the comment: delete exactly those items;
//   abort  → the API could not write it: forget the take, the draft is untouched.
// One send per draft is in flight at a time. A send that arrives while another
// is in flight waits for it; if that one commits, the newcomer is the same
// click twice (two agents pressing Send at once) and gets the comment that was
// written instead of a second one.

export type DraftField = 'reply' | 'note';

export type TakeResult =
  | { ok: true; sendId: string; html: string; text: string; coAuthors: number[] }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'too_long'; length: number }
  | { ok: false; reason: 'already_sent'; commentId: number }
  /** A take from before a room restart may still commit: try again in a moment. */
  | { ok: false; reason: 'busy' };

export type SendOutcome = { ok: true } | { ok: false; reason: 'unknown_send' };

/** A take that is neither committed nor aborted by then is abandoned (the API's request died). */
export const SEND_TIMEOUT_MS = 30_000;
/** As long as a typed comment may be (worker/routes/tickets/tickets.schemas.ts). */
export const MAX_SENT_TEXT = 50_000;
/** The origin of the transaction that clears a sent draft: not anybody's contribution. */
const SEND_ORIGIN = Symbol('draft-send');

type Settlement = { committed: true; commentId: number } | { committed: false };

interface InFlight {
  sendId: string;
  settled: Promise<Settlement>;
  settle: (settlement: Settlement) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class DraftSends {
  readonly #inFlight = new Map<DraftField, InFlight>();

  constructor(
    private readonly store: TicketRoomStorage,
    private readonly doc: Y.Doc,
    private readonly fragmentOf: (field: DraftField) => Y.XmlFragment,
  ) {}

  /**
   * `requestedAt`: when the API request began. A send of this draft that was
   * committed after that moment overlapped this request, which saw the same
   * draft: this request is a duplicate of it.
   */
  async take({ field, senderId, requestedAt }: { field: DraftField; senderId: number; requestedAt: number }): Promise<TakeResult> {
    for (let flight = this.#inFlight.get(field); flight; flight = this.#inFlight.get(field)) {
      const settlement = await flight.settled;
      if (settlement.committed) return { ok: false, reason: 'already_sent', commentId: settlement.commentId };
    }
    const stale = this.store.pendingSend({ field });
    if (stale) {
      if (Date.now() - stale.takenAt < SEND_TIMEOUT_MS) return { ok: false, reason: 'busy' };
      this.store.deletePendingSend(stale.sendId);
    }
    const last = this.store.lastSend(field);
    if (last && last.sentAt >= requestedAt) return { ok: false, reason: 'already_sent', commentId: last.commentId };

    const rendered = renderDraft(this.fragmentOf(field));
    if (rendered.empty) return { ok: false, reason: 'empty' };
    if (rendered.text.length > MAX_SENT_TEXT) return { ok: false, reason: 'too_long', length: rendered.text.length };

    const sendId = crypto.randomUUID();
    this.store.savePendingSend({
      sendId,
      field,
      stateVector: Y.encodeStateVector(this.doc),
      takeSeq: this.store.lastSeq(),
      senderId,
      takenAt: Date.now(),
    });
    let settle: (settlement: Settlement) => void = () => {};
    const settled = new Promise<Settlement>((resolve) => (settle = resolve));
    const timer = setTimeout(() => this.abort(sendId), SEND_TIMEOUT_MS);
    this.#inFlight.set(field, { sendId, settled, settle, timer });
    return { ok: true, sendId, html: rendered.html, text: rendered.text, coAuthors: this.store.contributors(field) };
  }

  commit(sendId: string, commentId: number): SendOutcome {
    const send = this.store.pendingSend({ sendId });
    if (!send) return { ok: false, reason: 'unknown_send' };
    const field = send.field as DraftField;
    const taken = Y.decodeStateVector(send.stateVector);
    Y.transact(this.doc, () => deleteTakenContent(this.fragmentOf(field), taken), SEND_ORIGIN);
    this.store.commitSend(send, commentId);
    this.#settle(field, sendId, { committed: true, commentId });
    return { ok: true };
  }

  abort(sendId: string): SendOutcome {
    const send = this.store.pendingSend({ sendId });
    if (!send) return { ok: false, reason: 'unknown_send' };
    this.store.deletePendingSend(sendId);
    this.#settle(send.field as DraftField, sendId, { committed: false });
    return { ok: true };
  }

  #settle(field: DraftField, sendId: string, settlement: Settlement): void {
    const flight = this.#inFlight.get(field);
    if (flight?.sendId !== sendId) return;
    clearTimeout(flight.timer);
    this.#inFlight.delete(field);
    flight.settle(settlement);
  }
}

import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

// The frames a TicketRoom accepts: the standard y-protocols messages that
// y-websocket, y-partyserver's provider and every other Yjs provider send —
// sync (step 1, step 2, update) and awareness — and nothing else. A frame is
// decoded completely before anything is applied, so a malformed one can be
// refused (close 1008) without half of it reaching the document.

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/** One client's presence in an awareness update; `state` null means "gone". */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

export type YjsFrame =
  | { kind: 'sync-step1'; stateVector: Map<number, number> }
  /** Step 2 and update both carry a Yjs update (V1 encoding). */
  | { kind: 'sync-step2' | 'update'; update: Uint8Array }
  | { kind: 'awareness'; entries: AwarenessEntry[] };

export type ParsedFrame = { ok: true; frame: YjsFrame } | { ok: false; reason: string };

/** Awareness is presence (name, colour, cursor), not content: a few hundred bytes per client. */
export const MAX_AWARENESS_BYTES = 16 * 1024;

const refuse = (reason: string): ParsedFrame => ({ ok: false, reason });

function asBytes(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Checks an update without applying it: it must decode completely, and every
 * top-level item must belong to one of `roots` (a client cannot grow the
 * document sideways with root types the room does not serve).
 */
export function checkUpdate(update: Uint8Array, roots: ReadonlySet<string>): string | null {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return 'the Yjs update does not decode';
  }
  for (const struct of decoded.structs) {
    // A decoded (not yet integrated) item names a root parent by its key.
    const parent: unknown = struct instanceof Y.Item ? struct.parent : null;
    if (typeof parent === 'string' && !roots.has(parent)) {
      return `the update writes to "${parent.slice(0, 40)}", which this room does not hold`;
    }
  }
  return null;
}

function readAwareness(bytes: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(bytes);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state: unknown = JSON.parse(decoding.readVarString(decoder));
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new Error('an awareness state is not an object');
    entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
  return entries;
}

/** Decodes one WebSocket frame of the Yjs protocols, or says why it is not one. */
export function parseYjsFrame(data: string | ArrayBuffer | ArrayBufferView, roots: ReadonlySet<string>): ParsedFrame {
  if (typeof data === 'string') return refuse('text frames are not part of the Yjs protocol');
  try {
    const decoder = decoding.createDecoder(asBytes(data));
    const type = decoding.readVarUint(decoder);
    let frame: YjsFrame;
    if (type === MESSAGE_SYNC) {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === SYNC_STEP1) {
        frame = { kind: 'sync-step1', stateVector: Y.decodeStateVector(payload) };
      } else if (step === SYNC_STEP2 || step === SYNC_UPDATE) {
        const problem = checkUpdate(payload, roots);
        if (problem) return refuse(problem);
        frame = { kind: step === SYNC_STEP2 ? 'sync-step2' : 'update', update: payload };
      } else {
        return refuse(`unknown sync message type ${step}`);
      }
    } else if (type === MESSAGE_AWARENESS) {
      const payload = decoding.readVarUint8Array(decoder);
      if (payload.byteLength > MAX_AWARENESS_BYTES) return refuse('the awareness update is too large');
      frame = { kind: 'awareness', entries: readAwareness(payload) };
    } else {
      return refuse(`unknown message type ${type}`);
    }
    if (decoding.hasContent(decoder)) return refuse('the frame has bytes after its message');
    return { ok: true, frame };
  } catch {
    return refuse('the frame is not a valid Yjs sync or awareness message');
  }
}

/**
 * Whether a connection signed in as `userId` may send these awareness entries:
 * a state that names a user must name this one, and a client id whose current
 * state belongs to another user cannot be overwritten or removed. States
 * without a `user` (a provider's initial `{}`) carry nobody's name and pass.
 */
export function awarenessImpersonation(
  entries: readonly AwarenessEntry[],
  userId: number,
  current: ReadonlyMap<number, Record<string, unknown>>,
): string | null {
  const userOf = (state: Record<string, unknown> | null | undefined): unknown => {
    const user = state?.['user'];
    return user !== null && typeof user === 'object' ? (user as Record<string, unknown>)['id'] : undefined;
  };
  const isOther = (id: unknown): boolean => id !== undefined && String(id) !== String(userId);
  for (const entry of entries) {
    if (isOther(userOf(current.get(entry.clientId)))) return 'the awareness update changes another user’s presence';
    if (entry.state !== null && entry.state['user'] !== undefined) {
      const id = userOf(entry.state);
      if (id === undefined || isOther(id)) return 'awareness user.id must be your own user id';
    }
  }
  return null;
}

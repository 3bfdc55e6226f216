import { createExecutionContext, env, runInDurableObject } from 'cloudflare:test';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { TicketRoom } from '../../party/ticket-room';
import worker from '../../worker/index';
import { getTicketRoom } from '../../worker/realtime/rooms';
import type { TestTenant } from './harness';

// A Yjs client over a real WebSocket to a TicketRoom, speaking the standard
// sync and awareness protocol the way y-websocket / y-partyserver's provider do.
// `flush()` is how tests wait without timers: a sync step 1 answered by a step 2
// proves the room has handled every frame this client sent before it, and has
// sent this client everything it held at that moment.

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const REMOTE = Symbol('remote');

export interface Credentials {
  /** `?token=` (a session token or an API token). */
  token?: string;
  /** The session cookie, sent with a same-origin `Origin` unless `origin` says otherwise. */
  cookie?: string;
  origin?: string;
}

/** Opens `/parties/<party>/<room>` on the tenant's host through the worker's own fetch. */
export async function openParty(tenant: TestTenant | { host: string }, path: string, credentials: Credentials = {}): Promise<Response> {
  const url = new URL(`http://${tenant.host}${path}`);
  if (credentials.token) url.searchParams.set('token', credentials.token);
  const headers = new Headers({ upgrade: 'websocket' });
  if (credentials.cookie) {
    headers.set('cookie', `wnp_session=${credentials.cookie}`);
    headers.set('origin', credentials.origin ?? url.origin);
  }
  return worker.fetch(new Request(url, { headers }), env, createExecutionContext());
}

export interface Closed {
  code: number;
  reason: string;
}

export class YjsSocketClient {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  #socket: WebSocket | null = null;
  #stepTwos: (() => void)[] = [];
  #closed: Promise<Closed> = Promise.resolve({ code: 0, reason: 'never opened' });

  constructor(
    readonly tenant: TestTenant,
    readonly ticketId: number,
    readonly credentials: Credentials,
    doc: Y.Doc = new Y.Doc(),
  ) {
    this.doc = doc;
    this.awareness = new awarenessProtocol.Awareness(doc);
    // No timers in tests: the awareness heartbeat is not needed here.
    clearInterval((this.awareness as unknown as { _checkInterval: ReturnType<typeof setInterval> })._checkInterval);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.#send((e) => (encoding.writeVarUint(e, MESSAGE_SYNC), syncProtocol.writeUpdate(e, update)));
    });
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === REMOTE) return;
      const changed = [...added, ...updated, ...removed];
      this.#send((e) => (encoding.writeVarUint(e, MESSAGE_AWARENESS), encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))));
    });
  }

  get reply(): Y.XmlFragment {
    return this.doc.getXmlFragment('reply');
  }

  get note(): Y.XmlFragment {
    return this.doc.getXmlFragment('note');
  }

  get connected(): boolean {
    return this.#socket !== null;
  }

  /** Connects and completes the initial sync both ways. */
  async connect(): Promise<this> {
    const response = await openParty(this.tenant, `/parties/ticket-room/${this.ticketId}`, this.credentials);
    const socket = response.webSocket;
    if (response.status !== 101 || !socket) throw new Error(`upgrade refused: ${response.status} ${await response.text()}`);
    socket.accept();
    // Binary frames arrive as Blobs by default (compatibility date ≥ 2026); Yjs wants bytes.
    socket.binaryType = 'arraybuffer';
    this.#socket = socket;
    this.#closed = new Promise((resolve) =>
      socket.addEventListener('close', (event) => {
        if (this.#socket === socket) this.#socket = null;
        resolve({ code: event.code, reason: event.reason });
      }),
    );
    socket.addEventListener('message', (event) => this.#receive(event.data));
    await this.flush();
    return this;
  }

  /** Resolves once the room has answered a sync step 1 sent now (see the note at the top). */
  flush(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.#socket) return reject(new Error('not connected'));
      this.#stepTwos.push(resolve);
      this.#send((e) => (encoding.writeVarUint(e, MESSAGE_SYNC), syncProtocol.writeSyncStep1(e, this.doc)));
    });
  }

  /** Sends raw bytes or text, as a broken or hostile client would. */
  sendRaw(data: string | Uint8Array): void {
    this.#socket?.send(data);
  }

  /** Resolves when the room (or this client) closes the socket. */
  closed(): Promise<Closed> {
    return this.#closed;
  }

  disconnect(): Promise<Closed> {
    const closed = this.#closed;
    this.#socket?.close(1000, 'bye');
    this.#socket = null;
    return closed;
  }

  #send(write: (encoder: encoding.Encoder) => void): void {
    if (!this.#socket) return;
    const encoder = encoding.createEncoder();
    write(encoder);
    try {
      this.#socket.send(encoding.toUint8Array(encoder));
    } catch {
      this.#socket = null;
    }
  }

  #receive(data: unknown): void {
    if (typeof data === 'string') return;
    const decoder = decoding.createDecoder(new Uint8Array(data as ArrayBuffer));
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      const step = syncProtocol.readSyncMessage(decoder, encoder, this.doc, REMOTE);
      if (encoding.length(encoder) > 1) this.#socket?.send(encoding.toUint8Array(encoder));
      if (step === syncProtocol.messageYjsSyncStep2) this.#stepTwos.shift()?.();
    } else if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), REMOTE);
    }
  }
}

/** Connects a client to the ticket's room. */
export function connectTicket(tenant: TestTenant, ticketId: number, credentials: Credentials, doc?: Y.Doc): Promise<YjsSocketClient> {
  return new YjsSocketClient(tenant, ticketId, credentials, doc).connect();
}

/** Appends a paragraph of text to a draft, as an editor would. */
export function typeParagraph(fragment: Y.XmlFragment, text: string, marks: Record<string, unknown> = {}): void {
  fragment.doc?.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    fragment.insert(fragment.length, [paragraph]);
    const run = new Y.XmlText();
    paragraph.insert(0, [run]);
    run.insert(0, text, marks);
  });
}

/** The room's stub (started), for RPC and `runInDurableObject`. */
export const ticketRoomStub = (tenant: TestTenant, ticketId: number) => getTicketRoom(env, tenant.id, ticketId);

/** The document the room holds in memory right now, as an update. */
export async function roomState(tenant: TestTenant, ticketId: number): Promise<Uint8Array> {
  return runInDurableObject(await ticketRoomStub(tenant, ticketId), (room: TicketRoom) => Y.encodeStateAsUpdate(room.document));
}

/** The document as the room's storage holds it (snapshot + updates), read straight from SQLite. */
export async function persistedDoc(tenant: TestTenant, ticketId: number): Promise<Y.Doc> {
  const stub = env.TicketRoom.getByName(`${tenant.id}:${ticketId}`);
  const rows = await runInDurableObject(stub, (_room: TicketRoom, state) => {
    const snapshot = state.storage.sql.exec<{ state: ArrayBuffer }>('SELECT state FROM doc_snapshot').toArray();
    const updates = state.storage.sql.exec<{ data: ArrayBuffer }>('SELECT data FROM doc_updates ORDER BY seq').toArray();
    return [...snapshot.map((r) => new Uint8Array(r.state)), ...updates.map((r) => new Uint8Array(r.data))];
  });
  const doc = new Y.Doc();
  for (const update of rows) Y.applyUpdate(doc, update);
  return doc;
}

/** Writes a paragraph into a draft from inside the room, as if an agent had typed it (for tests of the send API). */
export async function seedDraft(tenant: TestTenant, ticketId: number, field: 'reply' | 'note', text: string): Promise<void> {
  await runInDurableObject(await ticketRoomStub(tenant, ticketId), (room: TicketRoom) => typeParagraph(room.document.getXmlFragment(field), text));
}

// One simulated editor for bench/realtime.ts: a Y.Doc that speaks the standard
// Yjs sync protocol (y-protocols) over a WebSocket, as y-partyserver's and
// y-websocket's providers do; for Hocuspocus, the same messages framed its way
// (each prefixed with the document name, after an Auth message).
//
// The client owns one paragraph of the shared `reply` fragment (the shape
// y-prosemirror writes) and appends its edits to it. What arrives from others
// is timestamped and kept, and applied to the doc only after the run: on a
// small machine, integrating every peer's update live would make the load
// generator's own CPU, not the server, the latency being measured.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
const MESSAGE_AUTH = 2;
const HOCUSPOCUS_AUTH_TOKEN = 0;
/** The origin of updates that came from the server (they are not sent back). */
const REMOTE = Symbol('remote');

export type Dialect = { kind: 'y-protocols' } | { kind: 'hocuspocus'; document: string; token: string };

export interface LoadClientOptions {
  url: string;
  /** Sent with the upgrade (Node's WebSocket takes headers), e.g. X-Tenant. */
  headers?: Record<string, string>;
  dialect: Dialect;
  /** Called for every update that arrives from the server after the first sync, with its arrival time. */
  onUpdate(update: Uint8Array, at: number): void;
}

export class YjsLoadClient {
  readonly doc = new Y.Doc();
  /** Updates from the server since the first sync, in arrival order (applied by `applyReceived`). */
  readonly received: Uint8Array[] = [];
  messages = 0;
  /** Set when the server closed the socket (not when `close()` did). */
  closedByServer: { code: number; reason: string } | null = null;
  readonly options: LoadClientOptions;
  #closing = false;
  #socket: WebSocket;
  #text: Y.XmlText | null = null;
  #synced: Promise<void>;
  #closed: Promise<void>;

  constructor(options: LoadClientOptions) {
    this.options = options;
    const socket = new WebSocket(options.url, { headers: options.headers ?? {} });
    socket.binaryType = 'arraybuffer';
    this.#socket = socket;
    let markSynced = () => {};
    let failSync: (error: Error) => void = () => {};
    this.#synced = new Promise((resolve, reject) => {
      markSynced = resolve;
      failSync = reject;
    });
    this.#closed = new Promise((resolve) => socket.addEventListener('close', () => resolve()));
    socket.addEventListener('close', (event) => {
      if (!this.#closing) this.closedByServer = { code: event.code, reason: event.reason };
      failSync(new Error(`closed before syncing: ${event.code} ${event.reason}`));
    });
    socket.addEventListener('open', () => {
      if (options.dialect.kind === 'hocuspocus') {
        this.#send((e) => {
          encoding.writeVarUint(e, MESSAGE_AUTH);
          encoding.writeVarUint(e, HOCUSPOCUS_AUTH_TOKEN);
          encoding.writeVarString(e, options.dialect.kind === 'hocuspocus' ? options.dialect.token : '');
        });
      }
      this.#send((e) => {
        encoding.writeVarUint(e, MESSAGE_SYNC);
        syncProtocol.writeSyncStep1(e, this.doc);
      });
    });
    socket.addEventListener('message', (event: MessageEvent) => this.#receive(event.data as ArrayBuffer | string, markSynced));
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      this.#send((e) => {
        encoding.writeVarUint(e, MESSAGE_SYNC);
        syncProtocol.writeUpdate(e, update);
      });
    });
  }

  /** Resolves once the server's state has arrived (its sync step 2). */
  synced(): Promise<void> {
    return this.#synced;
  }

  /** Adds this client's paragraph to the shared fragment: its edits all go there. */
  start(): void {
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    this.doc.getXmlFragment('reply').insert(0, [paragraph]);
    this.#text = text;
  }

  /** Appends `token` to this client's paragraph; the doc's update handler sends it. */
  edit(token: string): void {
    if (!this.#text) throw new Error('start() the client before editing');
    this.#text.insert(this.#text.length, token);
  }

  /** Integrates everything received during the run (one merged update: far faster than one by one). */
  applyReceived(): void {
    if (this.received.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(this.received), REMOTE);
  }

  /** Each paragraph's text, sorted: two clients hold the same document when these are equal. */
  paragraphs(): string[] {
    return this.doc
      .getXmlFragment('reply')
      .toArray()
      .map((node) => (node instanceof Y.XmlElement ? node.toArray().map((child) => (child instanceof Y.XmlText ? child.toString() : '')).join('') : ''))
      .sort();
  }

  close(): Promise<void> {
    this.#closing = true;
    if (this.#socket.readyState === WebSocket.OPEN || this.#socket.readyState === WebSocket.CONNECTING) this.#socket.close();
    return this.#closed;
  }

  #send(write: (encoder: encoding.Encoder) => void): void {
    if (this.#socket.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    if (this.options.dialect.kind === 'hocuspocus') encoding.writeVarString(encoder, this.options.dialect.document);
    write(encoder);
    this.#socket.send(encoding.toUint8Array(encoder));
  }

  #receive(data: ArrayBuffer | string, markSynced: () => void): void {
    const at = performance.now();
    this.messages += 1;
    if (typeof data === 'string') return;
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (this.options.dialect.kind === 'hocuspocus') decoding.readVarString(decoder);
    // Awareness, Hocuspocus's auth answers and sync-status acknowledgements carry no document content.
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
    const step = decoding.readVarUint(decoder);
    if (step === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      this.#send((e) => {
        encoding.writeVarUint(e, MESSAGE_SYNC);
        encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
        encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(this.doc, stateVector));
      });
      return;
    }
    const update = decoding.readVarUint8Array(decoder);
    if (this.#text === null && step === syncProtocol.messageYjsSyncStep2) {
      // The server's state before the run (empty for a fresh room): integrate it now.
      Y.applyUpdate(this.doc, update, REMOTE);
      markSynced();
      return;
    }
    this.received.push(update);
    this.options.onUpdate(update, at);
  }
}

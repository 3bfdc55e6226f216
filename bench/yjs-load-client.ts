// One simulated editor for bench/realtime.ts: a Y.Doc that speaks the standard
// Yjs sync protocol (y-protocols) over a WebSocket, as y-partyserver's and
// y-websocket's providers do; for Hocuspocus, the same messages framed its way
// (each prefixed with the document name, after an Auth message).
//
// The client owns one paragraph of the shared `reply` fragment (the shape
// y-prosemirror writes) and appends its edits to it. What arrives from others
// is timestamped and kept, and applied to the doc only after the run: on a
// small machine, integrating every peer's update live would make the load
// generator's own CPU, not the server, the latency being measured. It is kept
// as bytes in large blocks, not as one object per update: a 100-client run
// receives a million updates, and as many live objects would make the
// generator's garbage collector pause for long enough to show up as latency.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { monotonicMs } from './fanout-tracker.ts';

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
  /** Called for every update that arrives from the server after the first sync, with its arrival time (monotonicMs()). */
  onUpdate(update: Uint8Array, at: number): void;
}

/** Updates appended back to back into blocks of memory, with their lengths. */
class UpdateLog {
  static readonly BLOCK = 1 << 20;
  readonly #blocks: Uint8Array[] = [];
  #lengths = new Uint32Array(1024);
  #size = 0;
  #block = new Uint8Array(UpdateLog.BLOCK);
  #used = 0;

  get size(): number {
    return this.#size;
  }

  append(update: Uint8Array): void {
    if (this.#used + update.byteLength > this.#block.byteLength) {
      this.#blocks.push(this.#block.subarray(0, this.#used));
      this.#block = new Uint8Array(Math.max(UpdateLog.BLOCK, update.byteLength));
      this.#used = 0;
    }
    this.#block.set(update, this.#used);
    this.#used += update.byteLength;
    if (this.#size === this.#lengths.length) {
      const grown = new Uint32Array(this.#lengths.length * 2);
      grown.set(this.#lengths);
      this.#lengths = grown;
    }
    this.#lengths[this.#size++] = update.byteLength;
  }

  /** Every update, in order (views into the blocks). */
  updates(): Uint8Array[] {
    const blocks = [...this.#blocks, this.#block.subarray(0, this.#used)];
    const out: Uint8Array[] = [];
    let block = 0;
    let offset = 0;
    for (let i = 0; i < this.#size; i++) {
      const length = this.#lengths[i]!;
      // Each block holds whole updates: move on when this one is past the end.
      while (offset + length > blocks[block]!.byteLength) {
        block += 1;
        offset = 0;
      }
      out.push(blocks[block]!.subarray(offset, offset + length));
      offset += length;
    }
    return out;
  }
}

export class YjsLoadClient {
  readonly doc = new Y.Doc();
  /** Updates from the server since the first sync, in arrival order (applied by `applyReceived`). */
  readonly #received = new UpdateLog();
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
    if (this.#received.size > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(this.#received.updates()), REMOTE);
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
    const at = monotonicMs();
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
    this.#received.append(update);
    this.options.onUpdate(update, at);
  }
}

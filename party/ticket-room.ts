import type { Connection, ConnectionContext, WSMessage } from 'partyserver';
import { YServer } from 'y-partyserver';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { can } from '../worker/auth/permissions';
import { readConnectionProps, type ConnectionProps } from '../worker/realtime/party-access';
import { credentialKey, liveCredentials } from '../worker/realtime/live-credentials';
import { tenantDb } from '../worker/tenancy/tenant-db';
import { DraftSends, type DraftField, type SendOutcome, type TakeResult } from './draft-sends';
import { closeSocket, SocketClose } from './socket-errors';
import { TicketRoomStorage } from './ticket-room-storage';
import { TURN_BATCH_MAX, TurnBatch } from './turn-batch';
import { awarenessImpersonation, parseYjsFrame } from './yjs-frames';

export type { DraftField, SendOutcome, TakeResult } from './draft-sends';

/** The Yjs root types the room holds: the public reply and the internal note, each a ProseMirror document. */
export const DRAFT_FIELDS: readonly DraftField[] = ['reply', 'note'];
const ROOTS: ReadonlySet<string> = new Set(DRAFT_FIELDS);

/** A document whose encoded state would pass this is refused (and the change that would do it is not applied). */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;
/** Update rows (one per turn that brought updates) are folded into the snapshot when this many accumulate, or this many bytes. */
const COMPACT_AFTER_UPDATES = 500;
const COMPACT_AFTER_BYTES = 256 * 1024;
/** The y-protocols message type of sync messages. */
const MESSAGE_SYNC = 0;

type UpdateListener = (...args: unknown[]) => void;
/** An update applied to the document and not yet written: who made it, and which drafts it touched. */
interface Unsaved {
  update: Uint8Array;
  userId: number | undefined;
  fields: Set<DraftField>;
}
/** Open sockets are re-checked this often, so a revoked session is dropped within twice this. */
export const REVALIDATE_EVERY_MS = 30_000;

interface ConnectionState {
  who?: ConnectionProps;
}

const whoIs = (connection: Connection): ConnectionProps | undefined => (connection.state as ConnectionState | null)?.who;

/**
 * The agents' live drafts of one ticket (DESIGN.md item 3): the public reply
 * and the internal note as Yjs XML fragments, and who is there (awareness).
 * Named `${tenantId}:${ticketId}`; reached only through the party gate, which
 * lets in staff of the tenant. Speaks the standard Yjs sync and awareness
 * protocol and nothing else: every frame is decoded and checked before it is
 * applied; a malformed one closes its socket (1008) and the room goes on.
 *
 * Persistence: each turn's updates are merged and appended to the room's SQLite
 * as one row, before they are sent on (see `#persist`: nothing waits in memory for a
 * debounce, so eviction, hibernation and restarts lose nothing), and folded
 * into one snapshot when they pile up, when the last socket leaves, and on the
 * alarm.
 */
export class TicketRoom extends YServer {
  static override options = { hibernate: true };

  #storage: TicketRoomStorage | null = null;
  /** Updates applied to the document but not yet written (see `#persist`). */
  #unsaved = new TurnBatch<Unsaved>(TURN_BATCH_MAX, (unsaved) => this.#write(unsaved));
  /** Sockets partyserver has wrapped as connections in this instance (see `webSocketMessage`). */
  #wrapped = new WeakSet<WebSocket>();
  /** The sockets, listed once and kept until one joins or leaves (see `getConnections`). */
  #connections: Connection[] | null = null;
  #sends: DraftSends | null = null;
  /** Upper bound of the encoded document: exact at the last measurement, plus every update since. */
  #estimatedBytes = 0;
  #updatesSinceSnapshot = 0;
  #bytesSinceSnapshot = 0;

  get #store(): TicketRoomStorage {
    this.#storage ??= new TicketRoomStorage(this.ctx.storage);
    return this.#storage;
  }

  get #drafts(): DraftSends {
    this.#sends ??= new DraftSends(this.#store, this.document, (field) => this.document.getXmlFragment(field));
    return this.#sends;
  }

  /** Replays snapshot + updates into the document (YServer calls this from `onStart`, before it listens for updates). */
  override async onLoad(): Promise<void> {
    for (const field of DRAFT_FIELDS) this.document.getXmlFragment(field);
    const stored = this.#store.loadDocument();
    Y.transact(this.document, () => {
      if (stored.snapshot) Y.applyUpdate(this.document, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(this.document, update);
    });
    if (stored.updates.length > 0) this.#compact();
    else this.#estimatedBytes = stored.snapshot?.byteLength ?? 0;
  }

  /**
   * YServer sends every update to every socket as it is applied, and debounces
   * an `onSave` after each. The room replaces both: updates are written and
   * then sent together, one merged message per socket per turn (see `#write`).
   */
  override async onStart(): Promise<void> {
    const listeners = () => [...((this.document as unknown as { _observers: Map<string, Set<UpdateListener>> })._observers.get('update') ?? [])];
    const before = new Set(listeners());
    await super.onStart();
    const added = listeners().filter((listener) => !before.has(listener));
    // y-partyserver 2.2 adds exactly two: its per-update broadcast, then its lodash-debounced onSave.
    const [broadcast, save] = added;
    if (added.length !== 2 || !broadcast || !save || !('cancel' in save)) {
      throw new Error('y-partyserver no longer adds the two update listeners TicketRoom replaces; see TicketRoom.onStart.');
    }
    (save as UpdateListener & { cancel(): void }).cancel();
    this.document.off('update', broadcast);
    this.document.off('update', save);
    this.document.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) =>
      this.#persist(update, origin, transaction),
    );
  }

  /**
   * Queues an update to be written and sent. Both are grouped: a Durable Object
   * commits its SQLite once per event that wrote, and 100 typing agents made 500
   * commits and 50,000 socket sends a second. Queued updates are written in one
   * transaction and then sent as one merged message per socket, on the next turn
   * of the event loop, at the latest after TURN_BATCH_MAX updates, and always before
   * the room answers a sync step 1, takes or clears a draft, compacts or goes
   * idle. The output gate holds the message until the write has landed, so
   * whatever a client receives or sees acknowledged is on disk.
   */
  #persist(update: Uint8Array, origin: unknown, transaction: Y.Transaction): void {
    // y-partyserver applies a client's frame with its connection (a WebSocket) as the origin.
    const who = origin instanceof WebSocket ? whoIs(origin as Connection) : undefined;
    this.#estimatedBytes += update.byteLength;
    this.#unsaved.add({ update, userId: who?.userId, fields: who ? this.#fieldsChanged(transaction) : new Set() });
  }

  /**
   * Merges the queued updates into one, writes it and who wrote it in one
   * transaction, then sends it to every socket: one row and one message per
   * turn, however many updates the turn brought (100 typing agents bring dozens).
   */
  #write(unsaved: Unsaved[]): void {
    const merged = unsaved.length === 1 ? unsaved[0]!.update : Y.mergeUpdates(unsaved.map((u) => u.update));
    const contributions = new Map<string, { field: DraftField; userId: number }>();
    for (const { userId, fields } of unsaved) {
      if (userId !== undefined) for (const field of fields) contributions.set(`${field}:${userId}`, { field, userId });
    }
    this.ctx.storage.transactionSync(() => {
      const seq = this.#store.appendUpdate(merged);
      for (const { field, userId } of contributions.values()) this.#store.recordContributor(field, userId, seq);
    });
    this.#updatesSinceSnapshot += 1;
    this.#bytesSinceSnapshot += merged.byteLength;
    this.#send(merged);
    if (this.#updatesSinceSnapshot >= COMPACT_AFTER_UPDATES || this.#bytesSinceSnapshot >= COMPACT_AFTER_BYTES) this.#compact();
  }

  /** A sync-protocol update message to every open socket (the sender too, as y-websocket does). */
  #send(update: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    const message = encoding.toUint8Array(encoder);
    for (const connection of this.getConnections()) {
      try {
        connection.send(message);
      } catch {
        // A socket closing under us: its close handler cleans up.
      }
    }
  }

  /** Which drafts a transaction touched: the root above each changed type. */
  #fieldsChanged(transaction: Y.Transaction): Set<DraftField> {
    const fields = new Set<DraftField>();
    for (const type of transaction.changed.keys()) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types its tree as AbstractType<any>
      let root: Y.AbstractType<any> = type;
      while (root._item?.parent instanceof Y.AbstractType) root = root._item.parent;
      for (const field of DRAFT_FIELDS) if (root === this.document.share.get(field)) fields.add(field);
    }
    return fields;
  }

  #compact(): void {
    this.#unsaved.flush();
    const state = Y.encodeStateAsUpdate(this.document);
    this.#store.compact(state);
    this.#estimatedBytes = state.byteLength;
    this.#updatesSinceSnapshot = 0;
    this.#bytesSinceSnapshot = 0;
  }

  /**
   * Whether the document stays within MAX_DOCUMENT_BYTES with `update` applied.
   * Cheap while far from the limit (the running estimate); near it, measured.
   */
  #fits(update: Uint8Array): boolean {
    if (this.#estimatedBytes + update.byteLength <= MAX_DOCUMENT_BYTES) return true;
    const state = Y.encodeStateAsUpdate(this.document);
    this.#estimatedBytes = state.byteLength;
    if (state.byteLength + update.byteLength <= MAX_DOCUMENT_BYTES) return true;
    const probe = new Y.Doc();
    Y.applyUpdate(probe, state);
    Y.applyUpdate(probe, update);
    const size = Y.encodeStateAsUpdate(probe).byteLength;
    probe.destroy();
    return size <= MAX_DOCUMENT_BYTES;
  }

  /**
   * The open sockets. partyserver's hibernating `getConnections()` lists the
   * sockets and deserialises every one's attachment on each call, and YServer
   * calls it for every update and awareness change it broadcasts: 100 agents
   * typing 5 edits a second made that 50,000 deserialisations a second and the
   * room fell seconds behind. The list is kept until a socket joins, leaves or
   * fails (and is rebuilt after hibernation, in the new instance).
   */
  override getConnections<TState = unknown>(tag?: string): Iterable<Connection<TState>> {
    if (tag !== undefined) return super.getConnections<TState>(tag);
    this.#connections ??= [...super.getConnections()];
    return (this.#connections as Connection<TState>[]).filter((c) => c.readyState === WebSocket.READY_STATE_OPEN);
  }

  /** Remembers who connected (the gate's props) in the socket's attachment, so it survives hibernation. */
  override async onConnect(connection: Connection, ctx: ConnectionContext): Promise<void> {
    this.#connections = null;
    const who = readConnectionProps(ctx.request);
    connection.setState((previous: unknown) => ({ ...(previous as object | null), who }));
    super.onConnect(connection, ctx);
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + REVALIDATE_EVERY_MS);
  }

  /**
   * partyserver's handler deserialises the socket's attachment on every message
   * to check that the socket is one of its own (about 7 % of the room's CPU with
   * 100 typing agents). The first message of each socket in this instance takes
   * that path (it wraps the socket as a Connection, in place, and starts the
   * room); later ones go straight to `onMessage`, which reads the attachment
   * through partyserver's cache.
   */
  override async webSocketMessage(ws: WebSocket, message: WSMessage): Promise<void> {
    if (!this.#wrapped.has(ws)) {
      await super.webSocketMessage(ws, message);
      // Only a socket partyserver accepted is wrapped (it defines `socket` on it).
      if (Object.hasOwn(ws, 'socket')) this.#wrapped.add(ws);
      return;
    }
    try {
      this.onMessage(ws as unknown as Connection, message);
    } catch (error) {
      console.error('TicketRoom webSocketMessage:', error);
    }
  }

  override onMessage(connection: Connection, message: WSMessage): void {
    const who = whoIs(connection);
    if (!who) return closeSocket(connection, SocketClose.policy, 'This connection did not come through the gate.');
    const parsed = parseYjsFrame(message, ROOTS);
    if (!parsed.ok) return closeSocket(connection, SocketClose.policy, `Malformed frame: ${parsed.reason}.`);
    const { frame } = parsed;
    if (frame.kind === 'awareness') {
      const refusal = awarenessImpersonation(frame.entries, who.userId, this.document.awareness.getStates());
      if (refusal) return closeSocket(connection, SocketClose.policy, `Refused: ${refusal}.`);
    }
    if ((frame.kind === 'update' || frame.kind === 'sync-step2') && !this.#fits(frame.update)) {
      return closeSocket(connection, SocketClose.tooLarge, `Refused: the draft would exceed ${MAX_DOCUMENT_BYTES} bytes; your last change was not saved.`);
    }
    // A sync step 1 asks "what do you have?": what the answer covers must be on disk, and sent, first.
    if (frame.kind === 'sync-step1') this.#unsaved.flush();
    super.handleMessage(connection, message);
  }

  /** The last one out folds the updates into the snapshot: a quiet room restarts from one row. */
  override onClose(connection: Connection, code: number, reason: string, wasClean: boolean): void {
    this.#connections = null;
    super.onClose(connection, code, reason, wasClean);
    const others = [...this.getConnections()].filter((c) => c.id !== connection.id);
    if (others.length === 0 && (this.#updatesSinceSnapshot > 0 || this.#unsaved.size > 0)) this.#compact();
  }

  override onError(connection: Connection, error: unknown): void | Promise<void> {
    this.#connections = null;
    return super.onError(connection, error);
  }

  /** Every REVALIDATE_EVERY_MS while sockets are open: drop those whose session or token no longer stands (4401). */
  override async onAlarm(): Promise<void> {
    const connections = [...this.getConnections()];
    if (this.#updatesSinceSnapshot > 0 || this.#unsaved.size > 0) this.#compact();
    if (connections.length === 0) return;
    await this.#revalidate(connections);
    if ([...this.getConnections()].length > 0) await this.ctx.storage.setAlarm(Date.now() + REVALIDATE_EVERY_MS);
  }

  async #revalidate(connections: Connection[]): Promise<void> {
    const bySlot = new Map<string, { connection: Connection; who: ConnectionProps }[]>();
    for (const connection of connections) {
      const who = whoIs(connection);
      if (!who) continue;
      bySlot.set(who.slot, [...(bySlot.get(who.slot) ?? []), { connection, who }]);
    }
    for (const [slot, members] of bySlot) {
      const live = await liveCredentials(tenantDb(this.env, { slot }), members.map((m) => m.who));
      for (const { connection, who } of members) {
        const credential = live.get(credentialKey(who));
        if (!credential || credential.userId !== who.userId || !can(credential.role, 'draft:coedit')) {
          closeSocket(connection, SocketClose.sessionRevoked, 'Your session ended or your access changed. Sign in again.');
        }
      }
    }
  }

  // --- Sending a draft (called by the API over Durable Object RPC; see worker/routes/tickets/reply.handlers.ts) ---

  /**
   * Takes `field` for sending: renders it to sanitised HTML and remembers exactly
   * which items it took. While another send of the field is in flight, waits for
   * it: if it commits, this one is a duplicate (`already_sent` with its comment).
   */
  async takeDraft(request: { field: DraftField; senderId: number; requestedAt: number }): Promise<TakeResult> {
    this.#unsaved.flush();
    const result = await this.#drafts.take(request);
    this.#unsaved.flush();
    return result;
  }

  /** The comment is written: delete what was taken (edits made since stay) and let waiting sends know. */
  async commitSend(sendId: string, commentId: number): Promise<SendOutcome> {
    this.#unsaved.flush();
    const result = await this.#drafts.commit(sendId, commentId);
    this.#unsaved.flush();
    return result;
  }

  /** The comment was not written: forget the take; the draft is untouched. */
  async abortSend(sendId: string): Promise<SendOutcome> {
    this.#unsaved.flush();
    const result = await this.#drafts.abort(sendId);
    this.#unsaved.flush();
    return result;
  }
}

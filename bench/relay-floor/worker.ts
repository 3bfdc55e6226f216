// The platform's floor for bench:realtime: Durable Objects that do the least a
// Yjs room can do under the same `wrangler dev` and workerd as the TicketRoom.
// They keep no document and write nothing: a client's sync step 1 gets an empty
// step 2 (every benchmark room starts empty), and edits go to the other sockets.
// - `Relay` (/frames/<room>): every frame as it came, to every other socket, as
//   y-websocket does: one send per frame per socket.
// - `MergingRelay` (/merged/<room>): the updates of one turn of the event loop
//   merged into one message, sent to every socket, as the TicketRoom groups them
//   (without its document, storage, checks or partyserver).
// No room can fan edits out faster on this runtime and machine than the better of
// the two. Not part of the product: bench/realtime.ts starts it with its own wrangler.toml.
import { DurableObject } from 'cloudflare:workers';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { TURN_BATCH_MAX, TurnBatch } from '../../party/turn-batch';

interface Env {
  RELAY: DurableObjectNamespace<Relay>;
  MERGING_RELAY: DurableObjectNamespace<MergingRelay>;
}

/** The y-protocols sync message carrying step 2 with an empty Yjs update (no structs, empty delete set). */
const EMPTY_SYNC_STEP2 = new Uint8Array([0, 1, 2, 0, 0]);

export class Relay extends DurableObject<Env> {
  /** The sockets, listed once and kept until one joins or leaves (as the TicketRoom keeps its list). */
  #sockets: WebSocket[] | null = null;

  override async fetch(): Promise<Response> {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    this.#sockets = null;
    return new Response(null, { status: 101, webSocket: client });
  }

  override webSocketMessage(ws: WebSocket, message: ArrayBuffer | string): void {
    if (typeof message === 'string') return;
    const bytes = new Uint8Array(message);
    // [0 = sync, 0 = step 1, …]: "what do you have?" — nothing yet.
    if (bytes[0] === 0 && bytes[1] === 0) return ws.send(EMPTY_SYNC_STEP2);
    this.relay(bytes, ws);
  }

  /** What the room does with a frame other than a sync step 1: here, pass it on. */
  protected relay(frame: Uint8Array, from: WebSocket): void {
    this.sendAll(frame, from);
  }

  protected sendAll(frame: Uint8Array, except?: WebSocket): void {
    this.#sockets ??= this.ctx.getWebSockets();
    for (const socket of this.#sockets) {
      if (socket === except || socket.readyState !== WebSocket.READY_STATE_OPEN) continue;
      try {
        socket.send(frame);
      } catch {
        // Closing under us.
      }
    }
  }

  override webSocketClose(ws: WebSocket, code: number): void {
    this.#sockets = null;
    ws.close(code === 1005 ? 1000 : code);
  }

  override webSocketError(): void {
    this.#sockets = null;
  }
}

/** [0 = sync, 2 = update, …] */
const isSyncUpdate = (frame: Uint8Array) => frame[0] === 0 && frame[1] === 2;

export class MergingRelay extends Relay {
  /** The TicketRoom's own batcher (party/turn-batch.ts), so both group a turn's updates alike. */
  #pending = new TurnBatch<Uint8Array>(TURN_BATCH_MAX, (updates) => this.#sendMerged(updates));

  protected override relay(frame: Uint8Array, from: WebSocket): void {
    if (!isSyncUpdate(frame)) return this.sendAll(frame, from);
    const decoder = decoding.createDecoder(frame);
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    this.#pending.add(decoding.readVarUint8Array(decoder));
  }

  #sendMerged(updates: Uint8Array[]): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
    this.sendAll(encoding.toUint8Array(encoder));
  }
}

export default {
  fetch(request: Request, env: Env): Response | Promise<Response> {
    if (request.headers.get('upgrade') !== 'websocket') return new Response('relay floor\n');
    const [, kind, room = 'room'] = new URL(request.url).pathname.split('/');
    const namespace = kind === 'merged' ? env.MERGING_RELAY : env.RELAY;
    return namespace.get(namespace.idFromName(room)).fetch(request);
  },
} satisfies ExportedHandler<Env>;

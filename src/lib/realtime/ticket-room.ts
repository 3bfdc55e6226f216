import * as encoding from 'lib0/encoding';
import YProvider from 'y-partyserver/provider';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { writeSyncStep1 } from 'y-protocols/sync';
import * as Y from 'yjs';
import { credentialParams, partyAddress, type PartyOptions } from './party-address.ts';
import { colorFor, type PresenceUser } from './presence.ts';
import { isFinalClose, jitterDelay, RECONNECT_BACKOFF, sleep, type ConnectionStatus } from './reconnect.ts';

// The client of a ticket's TicketRoom (/parties/ticket-room/<ticketId>): one
// Y.Doc with the agents' `reply` and `note` drafts, kept in sync by
// y-partyserver's provider over the standard Yjs sync and awareness protocol.

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_STEP2 = 1;
const OPEN = 1;

/** The signed-in user, as other agents will see them. */
export interface TicketUser {
  id: number;
  name: string;
  /** Defaults to the user's palette colour (presence.ts). */
  color?: string;
}

export interface TicketConnectOptions extends PartyOptions {
  /** Told every time the connection changes state. */
  onStatus?: (status: ConnectionStatus) => void;
}

export interface TicketConnection {
  doc: Y.Doc;
  provider: YProvider;
  awareness: Awareness;
  /** The public reply draft: what POST /api/v1/tickets/{id}/reply sends. */
  reply: Y.XmlFragment;
  /** The internal-note draft: what POST /api/v1/tickets/{id}/note saves. */
  note: Y.XmlFragment;
  /** Resolves once the first sync with the room has completed. */
  synced: Promise<void>;
  status(): ConnectionStatus;
  /** Tells the others whether this user is typing. */
  setTyping(typing: boolean): void;
  /**
   * Resolves true once the room has applied every edit this client made so far
   * (call it before sending the draft, so the last keystrokes are in it); false
   * when offline or after `timeoutMs` without an answer.
   */
  flush(timeoutMs?: number): Promise<boolean>;
  /** Leaves the room (the others see this user go) and stops reconnecting. */
  destroy(): void;
}

/**
 * Joins the drafts of `ticketId` as `user` (who must be the signed-in user:
 * the room refuses presence in anyone else's name). Reconnects with
 * exponential backoff plus jitter; stays closed after a final close
 * (session ended, draft too large, access lost), reported through `onStatus`.
 */
export function connectTicket(ticketId: number, user: TicketUser, options: TicketConnectOptions = {}): TicketConnection {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  const presence: PresenceUser = { id: user.id, name: user.name, color: user.color ?? colorFor(user.id), typing: false };
  awareness.setLocalStateField('user', presence);

  let status: ConnectionStatus = { state: 'connecting', attempt: 0 };
  const report = (next: ConnectionStatus) => {
    status = next;
    options.onStatus?.(next);
  };

  // Counts connection attempts since the last success; each retry first waits its jitter.
  let attempts = 0;
  const { host, protocol } = partyAddress(options);
  const provider = new YProvider(host, String(ticketId), doc, {
    party: 'ticket-room',
    protocol,
    awareness,
    // Every update goes through the room, which checks it (a tab-to-tab BroadcastChannel would bypass that).
    disableBc: true,
    maxBackoffTime: RECONNECT_BACKOFF.maxMs,
    params: async () => {
      if (attempts > 0) {
        report({ state: 'connecting', attempt: attempts });
        await sleep(jitterDelay(attempts));
      }
      attempts += 1;
      return credentialParams(options);
    },
    ...(options.WebSocket ? { WebSocketPolyfill: options.WebSocket } : {}),
  });

  // The provider re-sends every awareness change it sees, other clients'
  // included; the room rightly refuses presence sent in someone else's name.
  // A client speaks only for itself, so only this client's own entry is sent.
  awareness.off('change', provider._awarenessUpdateHandler);
  const sendOwnPresence = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    if (![...added, ...updated, ...removed].includes(doc.clientID)) return;
    const socket = provider.ws;
    if (!provider.wsconnected || !socket || socket.readyState !== OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [doc.clientID]));
    socket.send(encoding.toUint8Array(encoder));
  };
  awareness.on('change', sendOwnPresence);

  provider.on('status', ({ status: state }: { status: 'connecting' | 'connected' | 'disconnected' }) => {
    if (state === 'connected') {
      attempts = 1;
      report({ state: 'connected' });
    } else if (state === 'disconnected' && provider.shouldConnect) {
      report({ state: 'connecting', attempt: attempts });
    }
  });
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (!event || !isFinalClose(event.code)) return;
    // Runs before the provider schedules its reconnect, which checks this flag.
    provider.shouldConnect = false;
    report({ state: 'closed', code: event.code, reason: event.reason });
  });

  const synced = new Promise<void>((resolve) => {
    if (provider.synced) return resolve();
    const onSynced = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off('synced', onSynced);
      resolve();
    };
    provider.on('synced', onSynced);
  });

  return {
    doc,
    provider,
    awareness,
    // The room's DRAFT_FIELDS (party/ticket-room.ts). Not imported from there, so that Node can
    // load this module without the Workers types; the ticket page checks the two lists match.
    reply: doc.getXmlFragment('reply'),
    note: doc.getXmlFragment('note'),
    synced,
    status: () => status,
    setTyping(typing) {
      const current = awareness.getLocalState()?.['user'] as PresenceUser | undefined;
      if (current && current.typing !== typing) awareness.setLocalStateField('user', { ...current, typing });
    },
    flush(timeoutMs = 5_000) {
      const socket = provider.ws;
      if (!provider.wsconnected || !socket || socket.readyState !== OPEN) return Promise.resolve(false);
      // The room handles one socket's frames in order, and answers a sync step 1 with a step 2:
      // once that answer arrives, every update sent before the question has been applied.
      return new Promise<boolean>((resolve) => {
        const finish = (applied: boolean) => {
          clearTimeout(timer);
          socket.removeEventListener('message', onMessage);
          resolve(applied);
        };
        const onMessage = (event: MessageEvent) => {
          if (typeof event.data === 'string') return;
          const bytes = new Uint8Array(event.data as ArrayBuffer);
          if (bytes[0] === MESSAGE_SYNC && bytes[1] === SYNC_STEP2) finish(true);
        };
        const timer = setTimeout(() => finish(false), timeoutMs);
        socket.addEventListener('message', onMessage);
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        writeSyncStep1(encoder, doc);
        socket.send(encoding.toUint8Array(encoder));
      });
    },
    destroy() {
      awareness.off('change', sendOwnPresence);
      // Sends "gone" for this client while the socket is still open, then closes it.
      provider.destroy();
      awareness.destroy();
      doc.destroy();
    },
  };
}

import './zod-without-eval.ts';
import PartySocket from 'partysocket';
import { InboxEvent } from '../../../party/inbox-event.ts';
import { credentialParams, partyAddress, type PartyOptions } from './party-address.ts';
import { isFinalClose, jitterDelay, RECONNECT_BACKOFF, sleep, type ConnectionStatus } from './reconnect.ts';

// The client of the tenant's InboxRoom (/parties/inbox-room/inbox; staff only):
// one JSON event per committed ticket or comment change, in the room's own
// schema (party/inbox-event.ts). The feed is one-way. Events missed while
// disconnected are not replayed, so `reconnected` tells a list to refetch.

export interface InboxHandlers {
  event(event: InboxEvent): void;
  /** After a drop: events may have been missed, so whatever the list shows should be fetched again. */
  reconnected?(): void;
  status?(status: ConnectionStatus): void;
}

export interface InboxConnection {
  close(): void;
}

/** The one room id of the inbox party (worker/realtime/inbox-room-access.ts). */
const INBOX_ROOM = 'inbox';

export function connectInbox(handlers: InboxHandlers, options: PartyOptions = {}): InboxConnection {
  const { host, protocol } = partyAddress(options);
  let opened = false;
  const socket: PartySocket = new PartySocket({
    host,
    protocol,
    party: 'inbox-room',
    room: INBOX_ROOM,
    minReconnectionDelay: RECONNECT_BACKOFF.baseMs,
    maxReconnectionDelay: RECONNECT_BACKOFF.maxMs,
    reconnectionDelayGrowFactor: 2,
    shouldReconnectOnClose: (event) => !isFinalClose(event.code),
    query: async () => {
      if (socket.retryCount > 0) {
        handlers.status?.({ state: 'connecting', attempt: socket.retryCount });
        await sleep(jitterDelay(socket.retryCount));
      }
      return credentialParams(options);
    },
    ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
  });

  socket.addEventListener('open', () => {
    handlers.status?.({ state: 'connected' });
    if (opened) handlers.reconnected?.();
    opened = true;
  });
  socket.addEventListener('close', (event) => {
    if (isFinalClose(event.code)) handlers.status?.({ state: 'closed', code: event.code, reason: event.reason });
    else handlers.status?.({ state: 'connecting', attempt: socket.retryCount });
  });
  socket.addEventListener('message', (event: MessageEvent) => {
    let json: unknown;
    try {
      json = JSON.parse(String(event.data));
    } catch {
      return;
    }
    const parsed = InboxEvent.safeParse(json);
    if (parsed.success) handlers.event(parsed.data);
  });

  return { close: () => socket.close() };
}

import './zod-without-eval.ts';
import PartySocket from 'partysocket';
import {
  ClientMessageFrame,
  ServerFrame,
  type ChatAuthor,
  type ChatMessage,
  type ClientFrame,
  type ServerErrorFrame,
  type TicketChange,
} from '../../../party/chat-frames.ts';
import { credentialParams, partyAddress, type PartyOptions } from './party-address.ts';
import { isFinalClose, jitterDelay, RECONNECT_BACKOFF, sleep, type ConnectionStatus } from './reconnect.ts';

// The client of a ticket's ChatRoom (/parties/chat-room/<ticketId>): JSON
// frames whose shapes are the room's own zod schemas (party/chat-frames.ts).
// A message is kept until the room echoes it back stored; after a reconnect the
// unacknowledged ones are sent again with the same client_id, which the room
// stores once — so a message typed into a flaky connection arrives exactly once.

export type HistoryFrame = Extract<ServerFrame, { type: 'history' }>;

export interface ChatHandlers {
  /** On every (re)connect: the latest messages and how far each member has read. */
  history?(frame: HistoryFrame): void;
  /** A stored message, the sender's own included (with its `client_id`). */
  message?(message: ChatMessage): void;
  typing?(user: ChatAuthor, typing: boolean): void;
  read?(user: ChatAuthor, upTo: number): void;
  /** A refusal; with `client_id` when it is about a message this client sent (which is then dropped). */
  error?(frame: ServerErrorFrame): void;
  /** The ticket changed outside the chat in a way its customer sees (a public reply, the status, a public file). */
  ticket?(change: TicketChange): void;
  status?(status: ConnectionStatus): void;
}

export type SendResult = { ok: true; clientId: string } | { ok: false; detail: string };

export interface ChatConnection {
  /** Checks the text against the room's own schema, then sends it (now, or once connected). */
  send(text: string): SendResult;
  /** Typing indicators are only worth sending live: while offline they are dropped. */
  typing(typing: boolean): void;
  /** Marks every message up to `upTo` read for this user. */
  read(upTo: number): void;
  close(): void;
}

export function connectChat(ticketId: number, handlers: ChatHandlers, options: PartyOptions = {}): ChatConnection {
  const { host, protocol } = partyAddress(options);
  /** Messages sent but not yet echoed back stored, by client_id, in the order they were written. */
  const pending = new Map<string, string>();

  const socket: PartySocket = new PartySocket({
    host,
    protocol,
    party: 'chat-room',
    room: String(ticketId),
    minReconnectionDelay: RECONNECT_BACKOFF.baseMs,
    maxReconnectionDelay: RECONNECT_BACKOFF.maxMs,
    reconnectionDelayGrowFactor: 2,
    shouldReconnectOnClose: (event) => !isFinalClose(event.code),
    // Called before every attempt, after partysocket's own backoff: the place to add jitter.
    query: async () => {
      if (socket.retryCount > 0) {
        handlers.status?.({ state: 'connecting', attempt: socket.retryCount });
        await sleep(jitterDelay(socket.retryCount));
      }
      return credentialParams(options);
    },
    ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
  });

  const transmit = (frame: ClientFrame): void => {
    socket.send(JSON.stringify(frame));
  };

  socket.addEventListener('open', () => {
    handlers.status?.({ state: 'connected' });
    for (const frame of pending.values()) socket.send(frame);
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
    const parsed = ServerFrame.safeParse(json);
    if (!parsed.success) return;
    const frame = parsed.data;
    switch (frame.type) {
      case 'history':
        return handlers.history?.(frame);
      case 'message': {
        const { type: _type, ...message } = frame;
        if (message.client_id !== null) pending.delete(message.client_id);
        return handlers.message?.(message);
      }
      case 'typing':
        return handlers.typing?.(frame.user, frame.typing);
      case 'read':
        return handlers.read?.(frame.user, frame.up_to);
      case 'error':
        if (frame.client_id !== undefined) pending.delete(frame.client_id);
        return handlers.error?.(frame);
      case 'ticket':
        return handlers.ticket?.(frame.change);
    }
  });

  const isOpen = () => socket.readyState === socket.OPEN;

  return {
    send(text) {
      const frame = ClientMessageFrame.safeParse({ type: 'message', text, client_id: crypto.randomUUID() });
      if (!frame.success) return { ok: false, detail: frame.error.issues.map((issue) => issue.message).join('; ') };
      const wire = JSON.stringify(frame.data);
      pending.set(frame.data.client_id, wire);
      // Sent now if open; otherwise the `open` handler sends everything pending.
      if (isOpen()) socket.send(wire);
      return { ok: true, clientId: frame.data.client_id };
    },
    typing(typing) {
      if (isOpen()) transmit({ type: 'typing', typing });
    },
    read(upTo) {
      if (isOpen()) transmit({ type: 'read', up_to: upTo });
    },
    close() {
      socket.close();
    },
  };
}

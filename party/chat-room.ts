import { Server, type Connection, type ConnectionContext, type WSMessage } from 'partyserver';
import type { AuditActor } from '../worker/audit/audit-log';
import { isStaff } from '../worker/auth/permissions';
import { iso } from '../worker/http/fields';
import { kickRelay } from '../worker/notifications/notification-relay';
import { isChatMember, type ChatConnectionProps } from '../worker/realtime/chat-room-access';
import { commentCreatedEvents, sendInboxEvents } from '../worker/realtime/inbox-events';
import { credentialKey, liveCredentials } from '../worker/realtime/live-credentials';
import { readConnectionProps } from '../worker/realtime/party-access';
import { tenantDb } from '../worker/tenancy/tenant-db';
import { commentHtml } from '../worker/tickets/comment-html';
import { acceptsComments, commentStatusChange } from '../worker/tickets/comment-rules';
import {
  addChatMessage,
  isDuplicateChatMessage,
  latestChatMessages,
  loadChatTurn,
  type ChatMessageRecord,
} from '../worker/tickets/comment-store';
import { findTicket, isStaleTicketWrite } from '../worker/tickets/ticket-store';
import {
  chatErrorFrame,
  encodeFrame,
  HISTORY_SIZE,
  parseClientFrame,
  type ChatAuthor,
  type ChatMessage,
  type ClientFrame,
  type ClientMessageFrame,
  type FrameRefusal,
  type TicketChange,
} from './chat-frames';
import { admit, freshRateState, MESSAGE_RATE, SIGNAL_RATE, type RateState } from './chat-rate-limit';
import type { InboxEvent } from './inbox-event';
import { dropLapsedMembers, RECHECK_EVERY_MS, type Member } from './lapsed-connections';
import { closeSocket, SocketClose } from './socket-errors';

/** What the room keeps on each socket: it survives hibernation, so the rate limit does too. */
interface ChatSocketState {
  member: ChatConnectionProps;
  ip: string | null;
  /** `message` frames, and `typing`/`read` frames, are limited separately. */
  messages: RateState;
  signals: RateState;
}

type ChatConnection = Connection<ChatSocketState>;

/** The read position of one member, as kept in the room's storage. */
interface ReadMark {
  user: ChatAuthor;
  up_to: number;
}

/**
 * Tries at storing one message. A lost race (the ticket's status moved, or the
 * same client_id was stored meanwhile) is retried after reading again; three
 * in a row means something else is wrong.
 */
const WRITE_ATTEMPTS = 3;

const memberTag = (userId: number): string => `user:${userId}`;
const readKey = (userId: number): string => `read:${userId}`;
const authorOf = (member: ChatConnectionProps): ChatAuthor => ({ id: member.userId, name: member.name, role: member.role });

/** Sends to one socket; a socket that closed meanwhile (its owner left, or was closed for abuse) just misses it. */
function tell(connection: Connection, frame: string): void {
  try {
    connection.send(frame);
  } catch {
    // Closed while the frame was being prepared: nobody is there to read it.
  }
}

const messageOf = (m: ChatMessageRecord, clientId: string | null): ChatMessage => ({
  id: m.id,
  author: m.author,
  text: m.bodyText,
  created_at: iso(m.createdAt),
  client_id: clientId,
});

/**
 * The live chat of one ticket, between its customer and the tenant's staff
 * (DO name `${tenantId}:${ticketId}`; the party gate has checked who may join).
 * Each message is stored as a public comment of channel `chat` before anyone
 * sees it; joining sends the latest 100. Typing indicators and read receipts
 * are relayed, and read positions kept in the room's own storage.
 */
export class ChatRoom extends Server {
  static override options = { hibernate: true };

  /**
   * Messages are stored one at a time, so they are broadcast in the order of
   * their ids. The chain lives in memory: the room only hibernates when idle.
   */
  #writes: Promise<void> = Promise.resolve();
  /** Inbox events of stored messages, sent in order (`sendInboxEvents` never rejects). */
  #publishing: Promise<void> = Promise.resolve();

  /** Tags each socket with its user, so the room can tell whether someone is here. */
  override getConnectionTags(_connection: Connection, ctx: ConnectionContext): string[] {
    return [memberTag(readConnectionProps<ChatConnectionProps>(ctx.request).userId)];
  }

  /** Remembers who connected and sends them the latest messages and read positions. */
  override async onConnect(connection: ChatConnection, ctx: ConnectionContext): Promise<void> {
    const member = readConnectionProps<ChatConnectionProps>(ctx.request);
    const now = Date.now();
    connection.setState({
      member,
      ip: ctx.request.headers.get('cf-connecting-ip'),
      messages: freshRateState(MESSAGE_RATE, now),
      signals: freshRateState(SIGNAL_RATE, now),
    });
    let loaded: [Awaited<ReturnType<typeof latestChatMessages>>, Map<string, ReadMark>];
    try {
      loaded = await Promise.all([
        latestChatMessages(tenantDb(this.env, member), member.ticketId, HISTORY_SIZE),
        this.ctx.storage.list<ReadMark>({ prefix: 'read:' }),
      ]);
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', event: 'chat.history_failed', room: this.name, error: String(error) }));
      tell(connection, chatErrorFrame('unavailable', 'The chat history could not be loaded; reconnect in a moment.'));
      return closeSocket(connection, SocketClose.internal, 'The chat history could not be loaded.');
    }
    const [history, reads] = loaded;
    tell(
      connection,
      encodeFrame({
        type: 'history',
        messages: history.messages.map((m) => messageOf(m, null)),
        has_older: history.hasOlder,
        reads: [...reads.values()],
      }),
    );
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + RECHECK_EVERY_MS);
  }

  /**
   * While sockets are open, every RECHECK_EVERY_MS: drop (4401) those whose
   * session or token ended, or whose user may no longer chat here (a role change).
   */
  override async onAlarm(): Promise<void> {
    const members = this.#members();
    const first = members[0];
    if (!first) return;
    const ticket = await findTicket(tenantDb(this.env, first.who), first.who.ticketId, { userId: first.who.userId, seesAllTickets: true });
    await dropLapsedMembers(this.env, members, (credential) => ticket !== null && isChatMember({ id: credential.userId, role: credential.role }, ticket.requester.id));
    if (this.#members().length > 0) await this.ctx.storage.setAlarm(Date.now() + RECHECK_EVERY_MS);
  }

  #members(): Member<ChatConnectionProps>[] {
    return [...this.getConnections<ChatSocketState>()].flatMap((connection) => {
      const who = connection.state?.member;
      return who ? [{ connection, who: who as ChatConnectionProps }] : [];
    });
  }

  /** Parses, rate-limits and dispatches one frame; a protocol error closes only the sender. */
  override async onMessage(connection: ChatConnection, raw: WSMessage): Promise<void> {
    const parsed = parseClientFrame(raw);
    if (!parsed.ok) return this.#refuse(connection, parsed);
    const frame = parsed.frame;
    if (!this.#admit(connection, frame)) return;
    switch (frame.type) {
      case 'message':
        return this.#serially(() => this.#takeMessage(connection, frame));
      case 'typing':
        this.broadcast(encodeFrame({ type: 'typing', user: this.#author(connection), typing: frame.typing }), [connection.id]);
        return;
      case 'read':
        return this.#markRead(connection, frame.up_to);
    }
  }

  #state(connection: ChatConnection): ChatSocketState {
    const state = connection.state;
    if (!state) throw new Error('a chat socket without state: onConnect did not run');
    return state as ChatSocketState;
  }

  #author(connection: ChatConnection): ChatAuthor {
    return authorOf(this.#state(connection).member);
  }

  #refuse(connection: ChatConnection, refusal: FrameRefusal): void {
    tell(connection, chatErrorFrame(refusal.code, refusal.detail, refusal.client_id));
    if (refusal.close) closeSocket(connection, SocketClose.policy, refusal.detail);
  }

  /** Counts the frame against the sender's budget; answers and returns false when it is over. */
  #admit(connection: ChatConnection, frame: ClientFrame): boolean {
    const state = this.#state(connection);
    const budget = frame.type === 'message' ? 'messages' : 'signals';
    const { verdict, state: next } = admit(budget === 'messages' ? MESSAGE_RATE : SIGNAL_RATE, state[budget], Date.now());
    connection.setState({ ...state, [budget]: next });
    if (verdict === 'allowed') return true;
    const clientId = frame.type === 'message' ? frame.client_id : undefined;
    tell(connection, chatErrorFrame('rate_limited', 'Too many frames: wait a few seconds before sending more.', clientId));
    if (verdict === 'abusive') closeSocket(connection, SocketClose.rateLimited, 'Rate limit exceeded repeatedly.');
    return false;
  }

  /**
   * Publishes to the tenant's inbox without holding up the chat: in the
   * background, but one after another, so the inbox hears messages in order.
   */
  #tellInbox(tenantId: string, events: InboxEvent[]): void {
    this.#publishing = this.#publishing.then(() => sendInboxEvents(this.env, tenantId, events));
    this.ctx.waitUntil(this.#publishing);
  }

  #serially(task: () => Promise<void>): Promise<void> {
    const run = this.#writes.then(task);
    this.#writes = run.catch(() => undefined);
    return run;
  }

  async #markRead(connection: ChatConnection, upTo: number): Promise<void> {
    const user = this.#author(connection);
    const previous = await this.ctx.storage.get<ReadMark>(readKey(user.id));
    if (previous && previous.up_to >= upTo) return;
    await this.ctx.storage.put<ReadMark>(readKey(user.id), { user, up_to: upTo });
    this.broadcast(encodeFrame({ type: 'read', user, up_to: upTo }), [connection.id]);
  }

  /** Whether any socket of this user is open in the room. */
  #isHere(userId: number): boolean {
    for (const _ of this.getConnections(memberTag(userId))) return true;
    return false;
  }

  /**
   * Stores one message, then broadcasts it to everyone (the sender's copy is
   * its acknowledgement) and tells the inbox. A resent `client_id` is answered
   * with the stored message, not stored twice.
   */
  async #takeMessage(connection: ChatConnection, frame: ClientMessageFrame): Promise<void> {
    const { member, ip } = this.#state(connection);
    const db = tenantDb(this.env, member);
    try {
      for (let attempt = 1; ; attempt++) {
        const [live, turn] = await Promise.all([
          liveCredentials(db, [member]),
          loadChatTurn(db, member.ticketId, member.userId, frame.client_id),
        ]);
        if (!turn.sender || live.get(credentialKey(member))?.userId !== member.userId) {
          tell(connection, chatErrorFrame('session_ended', 'Your session ended; sign in again.', frame.client_id));
          return closeSocket(connection, SocketClose.sessionRevoked, 'The session or account is no longer valid.');
        }
        if (!turn.ticket || !isChatMember(turn.sender, turn.ticket.requester.id)) {
          tell(connection, chatErrorFrame('forbidden', 'You are no longer a member of this chat.', frame.client_id));
          return closeSocket(connection, SocketClose.policy, 'No longer a member of this chat.');
        }
        if (turn.stored) {
          tell(connection, encodeFrame({ type: 'message', ...messageOf(turn.stored, frame.client_id) }));
          return;
        }
        if (!acceptsComments(turn.ticket.status)) {
          tell(connection, chatErrorFrame('ticket_closed', 'The ticket is closed; open a new ticket to write again.', frame.client_id));
          return;
        }
        const author = { id: turn.sender.id, name: turn.sender.name, role: turn.sender.role };
        const requester = turn.ticket.requester.id;
        const staff = isStaff(author.role);
        const statusChange = commentStatusChange(turn.ticket, staff ? 'staff' : 'customer', true, Date.now());
        const actor: AuditActor = { actorId: author.id, actorType: 'user', requestId: crypto.randomUUID(), ip };
        const away = staff && requester !== author.id && !this.#isHere(requester);
        try {
          const stored = await addChatMessage(db, actor, {
            ticket: { id: turn.ticket.id, status: turn.ticket.status },
            author,
            clientId: frame.client_id,
            bodyText: frame.text,
            bodyHtml: commentHtml(frame.text),
            statusChange,
            // The customer is away: told on the channels they chose for chat.offline_message.
            notify: away ? { recipientId: requester } : null,
          });
          if (away) {
            kickRelay(this.env, { id: member.tenantId, slot: member.slot }, (promise) => this.ctx.waitUntil(promise));
          }
          this.broadcast(encodeFrame({ type: 'message', ...messageOf(stored, frame.client_id) }));
          const published = { id: stored.id, ticketId: member.ticketId, public: true, channel: 'chat', createdAt: stored.createdAt };
          this.#tellInbox(member.tenantId, commentCreatedEvents(published, statusChange?.after ?? null, { id: author.id, name: author.name }));
          return;
        } catch (error) {
          // Either way the next turn re-reads: a duplicate is then answered from storage, a stale status re-planned.
          const retry = isDuplicateChatMessage(error) || isStaleTicketWrite(error);
          if (!retry || attempt >= WRITE_ATTEMPTS) throw error;
        }
      }
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', event: 'chat.store_failed', room: this.name, error: String(error) }));
      tell(connection, chatErrorFrame('unavailable', 'The message was not stored; send it again with the same client_id.', frame.client_id));
    }
  }

  /**
   * Called by the API (Durable Object RPC) after a change the customer sees has
   * committed elsewhere — a public reply, a status move, a public file — so an
   * open portal page reloads the ticket instead of waiting for the next visit.
   */
  async ticketChanged(change: TicketChange, at: string): Promise<void> {
    this.broadcast(encodeFrame({ type: 'ticket', change, at }));
  }
}

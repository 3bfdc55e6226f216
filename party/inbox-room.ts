import { Server, type Connection, type ConnectionContext } from 'partyserver';
import { can } from '../worker/auth/permissions';
import { readConnectionProps, type ConnectionProps } from '../worker/realtime/party-access';
import type { InboxEvent } from './inbox-event';
import { dropLapsedMembers, RECHECK_EVERY_MS, type Member } from './lapsed-connections';
import { closeSocket, errorFrame, SocketClose } from './socket-errors';

/**
 * The tenant's inbox feed: one room per tenant (named by the tenant id), which
 * the tenant's staff subscribe to at /parties/inbox-room/inbox. The API calls
 * `publish` after each ticket or comment write commits; the room fans the
 * events out as JSON frames, one per event. Clients only listen.
 */
export class InboxRoom extends Server {
  /** Subscribers mostly wait: let the room sleep between events. */
  static override options = { hibernate: true };

  /** Keeps who subscribed on the socket (the attachment survives hibernation) and starts the re-checks. */
  override async onConnect(connection: Connection<ConnectionProps>, ctx: ConnectionContext): Promise<void> {
    connection.setState(readConnectionProps(ctx.request));
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + RECHECK_EVERY_MS);
  }

  /** The feed is one-way: a client that sends anything is misbehaving, and is closed. */
  override onMessage(connection: Connection): void {
    connection.send(errorFrame('read_only', 'The inbox feed takes no frames; change tickets through the API.'));
    closeSocket(connection, SocketClose.policy, 'The inbox feed takes no frames.');
  }

  /**
   * While anyone subscribes, every RECHECK_EVERY_MS: drop (4401) those whose
   * session or token ended, or who are no longer staff. The feed names every
   * customer's tickets, so a lapsed subscriber must not keep hearing it.
   */
  override async onAlarm(): Promise<void> {
    await dropLapsedMembers(this.env, this.#members(), (credential) => can(credential.role, 'ticket:read_all'));
    if (this.#members().length > 0) await this.ctx.storage.setAlarm(Date.now() + RECHECK_EVERY_MS);
  }

  /** RPC from the API, after a write committed: sends each event to every subscriber. */
  publish(events: InboxEvent[]): void {
    for (const event of events) this.broadcast(JSON.stringify(event));
  }

  #members(): Member<ConnectionProps>[] {
    return [...this.getConnections<ConnectionProps>()].flatMap((connection) =>
      connection.state ? [{ connection, who: connection.state as ConnectionProps }] : [],
    );
  }
}

import type { Context } from 'hono';
import type { InboxEvent } from '../../party/inbox-event';
import type { AppEnv } from '../http/app-env';
import { iso } from '../http/fields';
import type { TicketRecord } from '../tickets/ticket-store';
import { getInboxRoom } from './rooms';

// The API tells the tenant's InboxRoom what changed, after the change
// committed: handlers call `publishInboxEvents` only once their D1 write has
// returned, so a write that failed (a 409, a 422, a 404) never publishes.
// Publishing never delays or fails the HTTP answer: it runs in `waitUntil`,
// and a failure is logged (the inbox refetches on reconnect anyway).

export interface InboxActor {
  id: number;
  name: string;
}

export const inboxActor = (principal: { userId: number; name: string }): InboxActor => ({ id: principal.userId, name: principal.name });

/** A new ticket, with what a list row shows of it. */
export function ticketCreatedEvent(ticket: TicketRecord, by: InboxActor | null): InboxEvent {
  return {
    type: 'ticket.created',
    ticket_id: ticket.id,
    at: iso(ticket.createdAt),
    by,
    changes: {
      subject: ticket.subject,
      status: ticket.status,
      priority: ticket.priority,
      type: ticket.type,
      channel: ticket.channel,
      requester_id: ticket.requester.id,
      assignee_id: ticket.assigneeId,
      group: ticket.group,
      tags: ticket.tags,
    },
  };
}

/**
 * One edited ticket: `after` holds the changed fields under their API names.
 * One event per ticket and write, typed by the change that matters most to a
 * list: a status move, else a new assignee, else any other update.
 */
export function ticketEditedEvent(ticket: TicketRecord, after: Record<string, unknown>, by: InboxActor | null): InboxEvent {
  const type = 'status' in after ? 'ticket.status' : 'assignee_id' in after ? 'ticket.assigned' : 'ticket.updated';
  return { type, ticket_id: ticket.id, at: iso(ticket.updatedAt), by, changes: after };
}

export interface PublishedComment {
  id: number;
  ticketId: number;
  public: boolean;
  channel: string;
  createdAt: number;
}

/** A new comment, and the status move it brought (a customer reopening, a first staff reply), if any. */
export function commentCreatedEvents(
  comment: PublishedComment,
  statusAfter: Record<string, unknown> | null,
  by: InboxActor | null,
): InboxEvent[] {
  const at = iso(comment.createdAt);
  const created: InboxEvent = {
    type: 'comment.created',
    ticket_id: comment.ticketId,
    at,
    by,
    comment: { id: comment.id, public: comment.public, channel: comment.channel },
  };
  return statusAfter ? [created, { type: 'ticket.status', ticket_id: comment.ticketId, at, by, changes: statusAfter }] : [created];
}

/** Sends events to the tenant's InboxRoom; logs and swallows failures (the write they describe has committed). */
export async function sendInboxEvents(env: Env, tenantId: string, events: InboxEvent[]): Promise<void> {
  if (events.length === 0) return;
  try {
    const inbox = await getInboxRoom(env, tenantId);
    await inbox.publish(events);
  } catch (error) {
    console.error(JSON.stringify({ level: 'error', event: 'inbox.publish_failed', tenantId, types: events.map((e) => e.type), error: String(error) }));
  }
}

/** From a route handler, after its write committed: publishes without holding up the response. */
export function publishInboxEvents(c: Context<AppEnv>, events: InboxEvent[]): void {
  if (events.length === 0) return;
  const sending = sendInboxEvents(c.env, c.get('tenant').id, events);
  try {
    c.executionCtx.waitUntil(sending);
  } catch {
    // No execution context (the app called directly, as some tests do): the send runs unawaited.
  }
}

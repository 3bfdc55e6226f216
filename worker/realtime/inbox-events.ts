import type { Context } from 'hono';
import type { InboxEvent } from '../../party/inbox-event';
import type { AppEnv } from '../http/app-env';
import { iso } from '../http/fields';
import type { TicketRecord } from '../tickets/ticket-store';
import type { TicketChange } from '../../party/chat-frames';
import { getChatRoom, getInboxRoom } from './rooms';

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

/** A file added to a ticket (or one of its comments). */
export function attachmentCreatedEvent(file: { id: number; ticketId: number | null; public: boolean; createdAt: number }, by: InboxActor | null): InboxEvent[] {
  if (file.ticketId === null) return [];
  return [{ type: 'attachment.created', ticket_id: file.ticketId, at: iso(file.createdAt), by, attachment: { id: file.id, public: file.public } }];
}

/** What an event shows the ticket's customer, if anything: internal notes, internal files and chat (already live) show nothing. */
export function customerVisibleChange(event: InboxEvent): TicketChange | null {
  if (event.type === 'ticket.status') return 'status';
  if (event.type === 'comment.created' && event.comment?.public && event.comment.channel !== 'chat') return 'reply';
  if (event.type === 'attachment.created' && event.attachment?.public) return 'attachment';
  return null;
}

/**
 * Sends events to the tenant's InboxRoom, and tells each ticket's ChatRoom what
 * changed that its customer sees (the portal has no inbox feed). Logs and
 * swallows failures: the write they describe has committed.
 */
export async function sendInboxEvents(env: Env, tenantId: string, events: InboxEvent[]): Promise<void> {
  if (events.length === 0) return;
  const forCustomers = new Map<number, { change: TicketChange; at: string }>();
  for (const event of events) {
    const change = customerVisibleChange(event);
    if (change && !forCustomers.has(event.ticket_id)) forCustomers.set(event.ticket_id, { change, at: event.at });
  }
  const sends = [
    getInboxRoom(env, tenantId).then((inbox) => inbox.publish(events)),
    ...[...forCustomers].map(([ticketId, { change, at }]) => getChatRoom(env, tenantId, ticketId).then((chat) => chat.ticketChanged(change, at))),
  ];
  const results = await Promise.allSettled(sends);
  for (const failed of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
    console.error(JSON.stringify({ level: 'error', event: 'inbox.publish_failed', tenantId, types: events.map((e) => e.type), error: String(failed.reason) }));
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

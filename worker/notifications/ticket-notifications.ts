import { sql, type SQL } from 'drizzle-orm';
import { tickets } from '../db/tenant/tickets';
import { users } from '../db/tenant/users';
import type { TenantDb } from '../tenancy/tenant-db';
import { notifyStatements } from './notification-outbox';

// Ticket events as notifications, for the ticket data layer to put in its batches.

export interface NewReply {
  ticketId: number;
  public: boolean;
  author: { id: number; name: string };
  bodyText: string;
}

/**
 * A public reply tells the people on the ticket but its author: the requester
 * and the assignee. Internal notes tell nobody (the agents see them in the room).
 */
export function replyNotificationStatements(db: TenantDb, reply: NewReply, commentId: SQL) {
  if (!reply.public) return [];
  const id = reply.ticketId;
  return notifyStatements(db, {
    event: 'ticket.reply',
    recipients: sql`select person from (
        select ${tickets.requesterId} as person from ${tickets} where ${tickets.id} = ${id}
        union select ${tickets.assigneeId} from ${tickets} where ${tickets.id} = ${id} and ${tickets.assigneeId} is not null
      ) where person <> ${reply.author.id}`,
    cause: commentId,
    payload: sql`json_object('ticket_id', ${id}, 'subject', (select ${tickets.subject} from ${tickets} where ${tickets.id} = ${id}),
      'comment_id', ${commentId}, 'author', json_object('id', ${reply.author.id}, 'name', ${reply.author.name}), 'text', ${reply.bodyText})`,
  });
}

const userRef = (id: number | SQL) => sql`json_object('id', ${id}, 'name', (select ${users.name} from ${users} where ${users.id} = ${id}))`;

export interface CreatedTicket {
  subject: string;
  requesterId: number;
  assigneeId: number | null;
}

/**
 * A new ticket tells its assignee, or, unassigned, every staff member (each may
 * turn `ticket.created` off); never the one who created it.
 */
export function createdNotificationStatements(db: TenantDb, ticket: CreatedTicket, actorId: number | SQL | null, ticketId: SQL) {
  const creator = actorId ?? -1;
  const recipients =
    ticket.assigneeId !== null
      ? sql`select ${ticket.assigneeId} where ${ticket.assigneeId} <> ${creator}`
      : sql`select ${users.id} from ${users} where ${users.role} in ('owner', 'admin', 'agent') and ${users.id} <> ${creator}`;
  return notifyStatements(db, {
    event: 'ticket.created',
    recipients,
    cause: ticketId,
    payload: sql`json_object('ticket_id', ${ticketId}, 'subject', ${ticket.subject}, 'requester', ${userRef(ticket.requesterId)})`,
  });
}

export interface Assignment {
  ticketId: number;
  subject: string;
  assigneeId: number;
}

/** A (re)assignment tells the new assignee, unless they took the ticket themselves. */
export function assignedNotificationStatements(db: TenantDb, assignment: Assignment, actorId: number | SQL | null, now: number) {
  if (assignment.assigneeId === actorId) return [];
  return notifyStatements(db, {
    event: 'ticket.assigned',
    recipients: [assignment.assigneeId],
    // One assignment is one moment of one ticket: the same person assigned again later is told again.
    cause: `${assignment.ticketId}@${now}`,
    payload: sql`json_object('ticket_id', ${assignment.ticketId}, 'subject', ${assignment.subject}, 'assignee', ${userRef(assignment.assigneeId)})`,
  });
}

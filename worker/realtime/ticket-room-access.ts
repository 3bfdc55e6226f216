import { can } from '../auth/permissions';
import { findTicket } from '../tickets/ticket-store';
import { connectionProps, type PartyAuthorizer } from './party-access';
import { ticketRoomName } from './rooms';

const TICKET_ID = /^[1-9]\d{0,15}$/;

/**
 * Who may join a ticket's TicketRoom: staff of the ticket's tenant. The ticket
 * is looked up before the role is checked, as everywhere in the API: a ticket
 * the caller cannot see answers 404 whatever the role, so a customer learns
 * nothing from a 403 except about their own ticket.
 */
export const authorizeTicketRoom: PartyAuthorizer = async ({ tenant, db, principal, roomId }) => {
  const ticketId = TICKET_ID.test(roomId) ? Number(roomId) : null;
  if (ticketId === null || !Number.isSafeInteger(ticketId)) return { ok: false, status: 404, detail: 'The ticket was not found.' };
  const ticket = await findTicket(db, ticketId, { userId: principal.userId, seesAllTickets: can(principal.role, 'ticket:read_all') });
  if (!ticket) return { ok: false, status: 404, detail: 'The ticket was not found.' };
  if (!can(principal.role, 'draft:coedit')) {
    return { ok: false, status: 403, detail: `The ${principal.role} role may not join the agents' drafts.` };
  }
  return { ok: true, roomName: ticketRoomName(tenant.id, ticket.id), props: connectionProps(tenant, principal) };
};

import { can } from '../auth/permissions';
import type { Role } from '../db/tenant/users';
import { ticketViewer } from '../routes/tickets/ticket-viewer';
import { findTicket } from '../tickets/ticket-store';
import { connectionProps, type ConnectionProps, type PartyAuthorizer } from './party-access';
import { ticketRoomName } from './rooms';

// Who may join a ticket's live chat (/parties/chat-room/<ticketId>): the
// ticket's customer and the tenant's staff, i.e. whoever can see the ticket and
// reply publicly on it. Anyone else is told the ticket does not exist.

/** What the ChatRoom knows about each socket. */
export interface ChatConnectionProps extends ConnectionProps {
  ticketId: number;
}

/** Whether a user may chat on a ticket requested by `requesterId` (checked again per message: roles change). */
export function isChatMember(user: { id: number; role: Role }, requesterId: number): boolean {
  if (!can(user.role, 'comment:public')) return false;
  return can(user.role, 'ticket:read_all') || user.id === requesterId;
}

/** A room id is a ticket id as the API writes it: no sign, no leading zeros, no exponent. */
const TICKET_ID = /^[1-9]\d{0,15}$/;

export const authorizeChatRoom: PartyAuthorizer = async ({ tenant, db, principal, roomId }) => {
  const ticketId = TICKET_ID.test(roomId) && Number.isSafeInteger(Number(roomId)) ? Number(roomId) : null;
  const ticket = ticketId !== null ? await findTicket(db, ticketId, ticketViewer(principal)) : null;
  if (!ticket || !isChatMember({ id: principal.userId, role: principal.role }, ticket.requester.id)) {
    return { ok: false, status: 404, detail: 'The ticket was not found.' };
  }
  const props: ChatConnectionProps = { ...connectionProps(tenant, principal), ticketId: ticket.id };
  return { ok: true, roomName: ticketRoomName(tenant.id, ticket.id), props };
};

import { can } from '../../auth/permissions';
import type { Principal } from '../../auth/principal';
import type { TicketViewer } from '../../tickets/ticket-store';

/** What the caller's role lets them see of tickets, from the permission table. */
export const ticketViewer = (principal: Principal): TicketViewer => ({
  userId: principal.userId,
  seesAllTickets: can(principal.role, 'ticket:read_all'),
});

export const seesInternalNotes = (principal: Principal): boolean => can(principal.role, 'comment:read_internal');

/** Browser sessions write through the web app; bearer tokens are API clients. */
export const channelOf = (principal: Principal): 'web' | 'api' => (principal.via === 'cookie' ? 'web' : 'api');

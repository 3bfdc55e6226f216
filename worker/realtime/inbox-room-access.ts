import { can } from '../auth/permissions';
import { connectionProps, type PartyAuthorizer } from './party-access';

// Who may subscribe to the tenant's inbox feed (/parties/inbox-room/inbox): the
// staff who see every ticket. A customer is refused outright (403): the feed
// names tickets of every customer.

/** The one room id the inbox party has: each tenant has one inbox. */
export const INBOX_ROOM_ID = 'inbox';

export const authorizeInboxRoom: PartyAuthorizer = async ({ tenant, principal, roomId }) => {
  if (roomId !== INBOX_ROOM_ID) return { ok: false, status: 404, detail: `The inbox room is /parties/inbox-room/${INBOX_ROOM_ID}.` };
  if (!can(principal.role, 'ticket:read_all')) return { ok: false, status: 403, detail: 'Only staff may follow the inbox.' };
  return { ok: true, roomName: tenant.id, props: connectionProps(tenant, principal) };
};

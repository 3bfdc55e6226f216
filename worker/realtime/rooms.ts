import { getServerByName } from 'partyserver';

// Typed getters for the rooms. Durable Object names are tenant-scoped, so two
// tenants' ticket 7 are two rooms. `getServerByName` waits for the room's
// `onStart()` before returning, so RPC methods called on the stub see a loaded room.

/** `${tenantId}:${ticketId}`: the name of a ticket's TicketRoom and ChatRoom. */
export const ticketRoomName = (tenantId: string, ticketId: number): string => `${tenantId}:${ticketId}`;

/** The agents' co-edited drafts of one ticket. */
export const getTicketRoom = (env: Env, tenantId: string, ticketId: number) =>
  getServerByName(env.TicketRoom, ticketRoomName(tenantId, ticketId));

/** The live chat of one ticket. */
export const getChatRoom = (env: Env, tenantId: string, ticketId: number) =>
  getServerByName(env.ChatRoom, ticketRoomName(tenantId, ticketId));

/** The tenant's inbox feed. */
export const getInboxRoom = (env: Env, tenantId: string) => getServerByName(env.InboxRoom, tenantId);

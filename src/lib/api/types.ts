import type { components, paths } from './schema';

// Names for the API's shapes the screens use, all read from the generated schema.

type Schemas = components['schemas'];

export type User = Schemas['User'];
export type Role = User['role'];
export type Ticket = Schemas['Ticket'];
export type TicketStatus = Ticket['status'];
export type TicketPriority = Ticket['priority'];
export type TicketType = Ticket['type'];
export type Comment = Schemas['Comment'];
export type TicketWithComments = Schemas['TicketWithComments'];
export type Problem = Schemas['Problem'];
export type TicketListQuery = NonNullable<paths['/api/v1/tickets']['get']['parameters']['query']>;
export type TicketChanges = Schemas['UpdateTicket'];
export type BulkChanges = Schemas['BulkUpdateTickets']['changes'];
export type Tag = Schemas['Tag'];
export type AuditEntry = Schemas['AuditLog'];
export type TicketEvent = Schemas['TicketEvent'];

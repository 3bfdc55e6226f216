import type { Role } from '../db/tenant/users';

/**
 * The one permission table: which role may do what. Every route asks `can()`;
 * ownership rules (a customer and their own tickets) sit in the data layer's
 * visibility filters, not here.
 */
export const ACTIONS = [
  'ticket:create',
  'ticket:create_for_other',
  'ticket:read_own',
  'ticket:read_all',
  'ticket:update',
  'ticket:bulk_update',
  /** Read a ticket's system events (status, assignee and SLA moves): staff only, they name internal groups and escalations. */
  'ticket:read_events',
  'comment:public',
  'comment:internal',
  'comment:read_internal',
  /** Join a ticket's live reply and note drafts (TicketRoom) and send them. */
  'draft:coedit',
  'tag:read',
  'tag:manage',
  /** Read the team's macros (canned responses) to insert into a reply. */
  'macro:read',
  /** Create, change and delete macros. */
  'macro:manage',
  'user:list',
  'user:read',
  'user:change_role',
  'user:deactivate',
  'invitation:create',
  'audit:read',
  'token:manage_own',
  'session:manage_own',
  /** Read and change the tenant's settings (retention of the audit log and notifications). */
  'settings:manage',
  /** Upload files to tickets one may see, and delete one's own uploads. */
  'attachment:upload',
  /** Upload files the customer does not see (internal, or on an internal note). */
  'attachment:upload_internal',
  /** Read and delete every file of the tenant's tickets. */
  'attachment:read_all',
  'attachment:delete_any',
  /** Rate a knowledge-base article (anonymous visitors may too, by their visitor cookie). */
  'kb:rate',
  /** See draft, archived and internal articles and categories. */
  'kb:read_internal',
  /** Write categories and articles (create, edit, publish, translate, delete). */
  'kb:write',
  /** See the business-hours calendars and SLA policies. */
  'sla:read',
  /** Create, change, reorder and delete calendars and SLA policies. */
  'sla:manage',
  /** Choose one's own notification channels per event, register and remove one's browser push subscriptions. */
  'notification:manage_own',
  /** Read the local outbox of rendered notifications (/dev/outbox). */
  'notification:read_outbox',
  /** List notifications the queue gave up on, and replay them. */
  'notification:manage_dead_letters',
  /** Register and delete the tenant's webhook endpoints. */
  'webhook:manage',
] as const;
export type Action = (typeof ACTIONS)[number];

const CUSTOMER: Action[] = ['ticket:create', 'ticket:read_own', 'comment:public', 'token:manage_own', 'session:manage_own', 'kb:rate', 'attachment:upload', 'notification:manage_own'];

const AGENT: Action[] = [
  ...CUSTOMER,
  'ticket:create_for_other',
  'ticket:read_all',
  'ticket:update',
  'ticket:bulk_update',
  'ticket:read_events',
  'comment:internal',
  'comment:read_internal',
  'draft:coedit',
  'tag:read',
  'macro:read',
  'user:list',
  'user:read',
  'attachment:upload_internal',
  'attachment:read_all',
  'attachment:delete_any',
  'kb:read_internal',
  'kb:write',
  'sla:read',
  'notification:read_outbox',
];

const ADMIN: Action[] = [...AGENT, 'tag:manage', 'macro:manage', 'user:change_role', 'user:deactivate', 'invitation:create', 'audit:read', 'settings:manage', 'sla:manage', 'notification:manage_dead_letters', 'webhook:manage'];

export const PERMISSIONS: Record<Role, ReadonlySet<Action>> = {
  customer: new Set(CUSTOMER),
  agent: new Set(AGENT),
  admin: new Set(ADMIN),
  owner: new Set(ADMIN),
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[role].has(action);
}

/** Staff are everyone but customers. */
export const isStaff = (role: Role): boolean => role !== 'customer';

/**
 * Which roles a user may grant or take away: owners manage every role, admins
 * every role below admin; nobody changes their own.
 */
export function canAssignRole(actor: Role, from: Role, to: Role): boolean {
  if (actor === 'owner') return true;
  if (actor === 'admin') return from !== 'owner' && to !== 'owner' && from !== 'admin' && to !== 'admin';
  return false;
}

/** Which staff roles a user may invite: those they could grant to someone who has none yet. */
export function canInvite(actor: Role, role: Role): boolean {
  return role !== 'customer' && canAssignRole(actor, 'customer', role);
}

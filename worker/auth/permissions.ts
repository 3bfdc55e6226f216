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
  'comment:public',
  'comment:internal',
  'comment:read_internal',
  /** Join a ticket's live reply and note drafts (TicketRoom) and send them. */
  'draft:coedit',
  'tag:read',
  'tag:manage',
  'user:list',
  'user:read',
  'user:change_role',
  'user:deactivate',
  'invitation:create',
  'audit:read',
  'token:manage_own',
  'session:manage_own',
] as const;
export type Action = (typeof ACTIONS)[number];

const CUSTOMER: Action[] = ['ticket:create', 'ticket:read_own', 'comment:public', 'token:manage_own', 'session:manage_own'];

const AGENT: Action[] = [
  ...CUSTOMER,
  'ticket:create_for_other',
  'ticket:read_all',
  'ticket:update',
  'ticket:bulk_update',
  'comment:internal',
  'comment:read_internal',
  'draft:coedit',
  'tag:read',
  'user:list',
  'user:read',
];

const ADMIN: Action[] = [...AGENT, 'tag:manage', 'user:change_role', 'user:deactivate', 'invitation:create', 'audit:read'];

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

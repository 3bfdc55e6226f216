import type { Role } from '$lib/api/types';
import type { MessageKey } from '$lib/i18n/translate';

// The header's links, by who is signed in. Admin and knowledge-base screens add
// their entries here.

export interface NavItem {
  href: '/tickets' | '/search' | '/portal' | '/portal/new' | '/kb' | '/admin/kb' | '/admin';
  label: MessageKey;
}

const STAFF: NavItem[] = [
  { href: '/tickets', label: 'nav.inbox' },
  { href: '/search', label: 'nav.search' },
  { href: '/admin/kb', label: 'nav.kb' },
];

const ADMIN: NavItem[] = [...STAFF, { href: '/admin', label: 'nav.admin' }];

const CUSTOMER: NavItem[] = [
  { href: '/portal', label: 'nav.myTickets' },
  { href: '/portal/new', label: 'nav.newTicket' },
  { href: '/kb', label: 'nav.kb' },
];

export function navigationFor(role: Role | undefined): NavItem[] {
  if (!role) return [];
  if (role === 'customer') return CUSTOMER;
  return role === 'admin' || role === 'owner' ? ADMIN : STAFF;
}

import { can } from '../auth/permissions';
import type { Principal } from '../auth/principal';

/**
 * What a searcher may find, from the permission table: staff everything of their
 * tenant; a customer their own tickets (never internal notes) and public published
 * articles; an anonymous visitor public published articles only.
 */
export interface SearchViewer {
  userId: number | null;
  seesAllTickets: boolean;
  seesInternalNotes: boolean;
  seesInternalArticles: boolean;
}

export function searchViewer(principal: Principal | null): SearchViewer {
  if (!principal) return { userId: null, seesAllTickets: false, seesInternalNotes: false, seesInternalArticles: false };
  return {
    userId: principal.userId,
    seesAllTickets: can(principal.role, 'ticket:read_all'),
    seesInternalNotes: can(principal.role, 'comment:read_internal'),
    seesInternalArticles: can(principal.role, 'kb:read_internal'),
  };
}

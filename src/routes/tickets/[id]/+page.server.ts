import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import { statusEvents } from '$lib/tickets/timeline';
import { can } from '../../../../worker/auth/permissions';
import { acceptsComments } from '../../../../worker/tickets/comment-rules';
import { allowedTargets } from '../../../../worker/tickets/ticket-status';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
  const user = event.locals.user!;
  const api = apiFor(event);
  const id = Number(event.params.id);
  const canAudit = can(user.role, 'audit:read');
  const [ticket, people, tags, audit] = await Promise.all([
    api.GET('/api/v1/tickets/{id}', { params: { path: { id } } }),
    api.GET('/api/v1/users', { params: { query: { limit: 100 } } }),
    api.GET('/api/v1/tags'),
    canAudit ? api.GET('/api/v1/audit-logs', { params: { query: { target_type: 'ticket', target_id: String(id), limit: 100 } } }) : null,
  ]);
  if (!ticket.data) return failedApiCall(ticket, event.locals, event.url);
  return {
    ticket: ticket.data,
    /** Whom the ticket can be assigned to: active staff. */
    agents: (people.data?.items ?? []).filter((p) => p.role !== 'customer' && p.active).map((p) => ({ id: p.id, name: p.name })),
    tags: (tags.data?.items ?? []).map((t) => t.name),
    /** Status moves, for readers of the audit log; others see replies, notes and chat. */
    events: audit?.data ? statusEvents(audit.data.items) : [],
    // What the live panels offer this user, from the same permission and transition tables the API enforces.
    live: {
      coedit: can(user.role, 'draft:coedit'),
      /** A closed ticket takes no more replies (the API answers 409), so there is nothing to co-edit. */
      open: acceptsComments(ticket.data.status),
      note: can(user.role, 'comment:internal'),
      statuses: allowedTargets(ticket.data.status),
    },
  };
}) satisfies PageServerLoad;

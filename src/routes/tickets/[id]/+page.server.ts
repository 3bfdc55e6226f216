import { apiFor } from '$lib/server/api';
import { failedApiCall } from '$lib/server/signed-in';
import { can } from '../../../../worker/auth/permissions';
import { acceptsComments } from '../../../../worker/tickets/comment-rules';
import { allowedTargets } from '../../../../worker/tickets/ticket-status';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
  const user = event.locals.user!;
  const api = apiFor(event);
  const id = Number(event.params.id);
  const [ticket, people, tags, events, files, macros] = await Promise.all([
    api.GET('/api/v1/tickets/{id}', { params: { path: { id } } }),
    api.GET('/api/v1/users', { params: { query: { limit: 100 } } }),
    api.GET('/api/v1/tags'),
    can(user.role, 'ticket:read_events') ? api.GET('/api/v1/tickets/{id}/events', { params: { path: { id }, query: { limit: 100 } } }) : null,
    api.GET('/api/v1/tickets/{id}/attachments', { params: { path: { id }, query: { limit: 100 } } }),
    can(user.role, 'macro:read') ? api.GET('/api/v1/macros') : null,
  ]);
  if (!ticket.data) return failedApiCall(ticket, event.locals, event.url);
  return {
    ticket: ticket.data,
    /** Whom the ticket can be assigned to: active staff. */
    agents: (people.data?.items ?? []).filter((p) => p.role !== 'customer' && p.active).map((p) => ({ id: p.id, name: p.name })),
    tags: (tags.data?.items ?? []).map((t) => t.name),
    /** Names of the tenant's people by id, for who uploaded a file. */
    names: Object.fromEntries((people.data?.items ?? []).map((p) => [p.id, p.name])) as Record<number, string>,
    files: {
      items: files.data?.items ?? [],
      more: (files.data?.next_cursor ?? null) !== null,
      internal: can(user.role, 'attachment:upload_internal'),
      deleteAny: can(user.role, 'attachment:delete_any'),
    },
    /** System events (status, assignee, SLA moves) for staff; the page's inbox feed reloads them live. */
    events: events?.data?.items ?? [],
    // What the live panels offer this user, from the same permission and transition tables the API enforces.
    live: {
      coedit: can(user.role, 'draft:coedit'),
      /** A closed ticket takes no more replies (the API answers 409), so there is nothing to co-edit. */
      open: acceptsComments(ticket.data.status),
      note: can(user.role, 'comment:internal'),
      statuses: allowedTargets(ticket.data.status),
      /** The team's macros, to insert into the reply; none if they could not be read (the reply still works). */
      macros: macros?.data?.items ?? [],
    },
  };
}) satisfies PageServerLoad;

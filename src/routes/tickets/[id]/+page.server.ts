import { apiFor } from '$lib/server/api';
import { failedApiCall, signedInOrRedirect } from '$lib/server/signed-in';
import { can } from '../../../../worker/auth/permissions';
import { acceptsComments } from '../../../../worker/tickets/comment-rules';
import { allowedTargets } from '../../../../worker/tickets/ticket-status';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
  const user = signedInOrRedirect(event.locals, event.url);
  const response = await apiFor(event).tickets[':id'].$get({ param: { id: event.params.id } });
  if (!response.ok) return failedApiCall(response, event.url);
  const ticket = await response.json();
  return {
    ticket,
    // What the live panels offer this user, from the same permission and transition tables the API enforces.
    live: {
      coedit: can(user.role, 'draft:coedit'),
      /** A closed ticket takes no more replies (the API answers 409), so there is nothing to co-edit. */
      open: acceptsComments(ticket.status),
      note: can(user.role, 'comment:internal'),
      statuses: allowedTargets(ticket.status),
    },
  };
}) satisfies PageServerLoad;

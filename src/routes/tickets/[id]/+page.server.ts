import { apiFor } from '$lib/server/api';
import { failedApiCall, signedInOrRedirect } from '$lib/server/signed-in';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
  signedInOrRedirect(event.locals, event.url);
  const response = await apiFor(event).tickets[':id'].$get({ param: { id: event.params.id } });
  if (!response.ok) return failedApiCall(response, event.url);
  return { ticket: await response.json() };
}) satisfies PageServerLoad;

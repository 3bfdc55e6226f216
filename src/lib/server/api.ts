import type { RequestEvent } from '@sveltejs/kit';
import { createApiClient, type ApiClient } from '$lib/api/client';
import type { User } from '$lib/api/types';

/**
 * The typed API client for one page request. It goes through the service
 * binding (no public network hop) as the browser would: same host (which names
 * the tenant), same session cookie, same client address (which the login
 * throttle keys on).
 */
export function apiFor(event: Pick<RequestEvent, 'platform' | 'request' | 'url' | 'getClientAddress'>): ApiClient {
  const binding = event.platform?.env.API;
  if (!binding) throw new Error('platform.env.API is missing: serve the web app with wrangler (npm start).');
  const headers: Record<string, string> = {
    // Browsers only reach these server calls through same-origin page loads and form
    // posts (SvelteKit checks the origin), so the API's CSRF guard is told same-origin.
    origin: event.url.origin,
    'cf-connecting-ip': event.getClientAddress(),
  };
  const cookie = event.request.headers.get('cookie');
  if (cookie) headers.cookie = cookie;
  const viaBinding = (request: Request) =>
    binding.fetch(request as unknown as Parameters<typeof binding.fetch>[0]) as unknown as Promise<Response>;
  return createApiClient({ baseUrl: event.url.origin, fetch: viaBinding, headers });
}

/** The user `GET /api/v1/auth/me` answers with. */
export type SignedInUser = User;

import type { RequestEvent } from '@sveltejs/kit';
import { hc, type InferResponseType } from 'hono/client';
import type { ApiApp } from '../../../worker/app';

/**
 * A typed client of the API worker for one page request. It goes through the
 * service binding (no public network hop) as the browser would: same host (which
 * names the tenant), same session cookie, same client address (which the login
 * throttle keys on). The types come from the API's own route declarations.
 */
export function apiFor(event: Pick<RequestEvent, 'platform' | 'request' | 'url' | 'getClientAddress'>) {
  const binding = event.platform?.env.API;
  if (!binding) throw new Error('platform.env.API is missing: serve the web app with wrangler (npm start).');
  const headers: Record<string, string> = {
    // Browsers only reach these server calls through same-origin form posts (SvelteKit
    // checks the origin), so the API's CSRF guard can be told the call is same-origin.
    origin: event.url.origin,
    'cf-connecting-ip': event.getClientAddress(),
  };
  const cookie = event.request.headers.get('cookie');
  if (cookie) headers.cookie = cookie;
  const viaBinding = (input: RequestInfo | URL, init?: RequestInit) =>
    binding.fetch(new Request(input, init) as unknown as Parameters<typeof binding.fetch>[0]) as unknown as Promise<Response>;
  return hc<ApiApp>(event.url.origin, { fetch: viaBinding, headers }).api.v1;
}

export type Api = ReturnType<typeof apiFor>;

/** The user `GET /api/v1/auth/me` answers with. */
export type SignedInUser = Extract<InferResponseType<Api['auth']['me']['$get']>, { user: unknown }>['user'];

/** The sentence an API problem response carries, for showing to a person. */
export async function problemDetail(response: { status: number; json(): Promise<unknown> }): Promise<string> {
  try {
    const problem = (await response.json()) as { detail?: unknown; title?: unknown };
    if (typeof problem.detail === 'string' && problem.detail) return problem.detail;
    if (typeof problem.title === 'string' && problem.title) return problem.title;
  } catch {
    // Not JSON: fall through to a generic sentence.
  }
  return `The portal answered ${response.status}. Please try again.`;
}

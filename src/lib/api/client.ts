import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema';

// One typed client for the whole web app, its types generated from the API's
// own OpenAPI document (schema.d.ts, `npm run types`): the browser uses it on
// the page's origin with the session cookie; server loads use it through the
// API service binding (src/lib/server/api.ts).

export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  baseUrl: string;
  fetch?: (request: Request) => Promise<Response>;
  headers?: Record<string, string>;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  return createClient<paths>(options);
}

let inBrowser: ApiClient | undefined;

/** The browser's client: same origin, so the session cookie goes along and the CSRF guard sees same-origin. */
export function browserApi(): ApiClient {
  inBrowser ??= createApiClient({ baseUrl: location.origin });
  return inBrowser;
}

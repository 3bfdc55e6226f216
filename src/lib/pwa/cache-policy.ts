// What the service worker may answer from its cache. Only the app shell (the
// build's hashed JS and CSS, the static files, the offline page) is cached; API
// responses, live rooms and pages with people's data are never stored, so a
// shared computer keeps no tickets and nobody sees stale data as if it were live.

export type CacheDecision = 'cache-first' | 'network-only' | 'network-else-offline';

/** The paths the worker never touches: the API, the rooms, health checks. */
const NEVER = ['/api/', '/parties/', '/health'];

export function cacheDecision(request: { method: string; url: string; mode: string }, origin: string, shell: ReadonlySet<string>): CacheDecision {
  if (request.method !== 'GET') return 'network-only';
  const url = new URL(request.url);
  if (url.origin !== origin) return 'network-only';
  if (NEVER.some((prefix) => url.pathname === prefix.replace(/\/$/, '') || url.pathname.startsWith(prefix))) return 'network-only';
  if (shell.has(url.pathname)) return 'cache-first';
  // A page: always from the network (it holds the user's data); the offline page when there is none.
  if (request.mode === 'navigate') return 'network-else-offline';
  return 'network-only';
}

export const OFFLINE_PAGE = '/offline';

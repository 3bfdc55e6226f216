import type { Principal } from '../auth/principal';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { API_TOKEN_PREFIX, validateApiToken, validateSessionToken } from '../auth/sessions';
import { sessionTtlDays } from '../http/authenticate';
import { findTenantBySlug, tenantSlugFromRequest } from '../tenancy/resolve-tenant';
import { tenantDb, type TenantDb } from '../tenancy/tenant-db';
import { authorizeChatRoom } from './chat-room-access';
import { authorizeInboxRoom } from './inbox-room-access';
import { CONNECTION_HEADER, encodeConnectionProps, type PartyAuthorizer } from './party-access';
import { authorizeTicketRoom } from './ticket-room-access';

// Every WebSocket to a room passes here first: /parties/<party>/<roomId>.
// The tenant comes from the host, the user from the session cookie or a
// `token` query parameter (browsers cannot set headers on a WebSocket), and the
// party's authorizer decides. A refusal is a problem+json response and no
// socket is ever opened; only an authorised upgrade reaches a Durable Object.

interface Party {
  authorize: PartyAuthorizer;
  namespace: (env: Env) => DurableObjectNamespace<Rpc.DurableObjectBranded>;
}

const PARTIES: Readonly<Record<string, Party>> = {
  'ticket-room': { authorize: authorizeTicketRoom, namespace: (env) => env.TicketRoom },
  'chat-room': { authorize: authorizeChatRoom, namespace: (env) => env.ChatRoom },
  'inbox-room': { authorize: authorizeInboxRoom, namespace: (env) => env.InboxRoom },
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  426: 'Upgrade Required',
};

/** The API's problem+json shape (worker/http/problem.ts), outside Hono. */
function refuse(url: URL, status: number, code: string, detail: string, headers: Record<string, string> = {}): Response {
  const body = { type: `https://workernet.dev/problems/${code}`, title: TITLES[status] ?? 'Error', status, detail, instance: url.pathname };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

function cookieValue(header: string | null, name: string): string | null {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

/**
 * The principal behind the upgrade. A cookie-authenticated upgrade must come
 * from our own origin: browsers send cookies on cross-site WebSocket handshakes
 * too (cross-site WebSocket hijacking), and always send `Origin` with them.
 */
async function authenticateUpgrade(request: Request, url: URL, db: TenantDb, env: Env): Promise<Principal | 'cross-site' | null> {
  const token = url.searchParams.get('token');
  if (token) {
    return token.startsWith(API_TOKEN_PREFIX)
      ? validateApiToken(db, token)
      : validateSessionToken(db, token, 'bearer', sessionTtlDays(env));
  }
  const cookie = cookieValue(request.headers.get('cookie'), SESSION_COOKIE);
  if (!cookie) return null;
  if (request.headers.get('origin') !== url.origin) return 'cross-site';
  return validateSessionToken(db, cookie, 'cookie', sessionTtlDays(env));
}

/** The request the room receives: who connected, and no credentials (the URL is kept in the socket's attachment). */
function forwardedRequest(request: Request, url: URL, props: string): Request {
  const target = new URL(url);
  target.searchParams.delete('token');
  const headers = new Headers(request.headers);
  headers.delete('cookie');
  headers.set(CONNECTION_HEADER, props);
  return new Request(target, { method: request.method, headers });
}

/** A path segment decoded; a malformed escape stays as it was (and names no room). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Authorises a WebSocket to `/parties/<party>/<roomId>` and hands it to the room. */
export async function partyGate(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url);
  const [prefix, partyName, roomId, ...rest] = url.pathname.split('/').filter(Boolean);
  const party = partyName !== undefined && Object.hasOwn(PARTIES, partyName) ? PARTIES[partyName] : undefined;
  if (prefix !== 'parties' || !party || !roomId || rest.length > 0) {
    return refuse(url, 404, 'not-found', 'No room is at this address.');
  }
  if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
    return refuse(url, 426, 'upgrade-required', 'Rooms speak WebSocket only.', { upgrade: 'websocket' });
  }

  const named = tenantSlugFromRequest(url, request.headers.get('x-tenant') ?? undefined, env.APP_DOMAIN);
  if ('conflict' in named) return refuse(url, 400, 'tenant-conflict', 'The X-Tenant header names a different tenant than the host.');
  const tenant = named.slug ? await findTenantBySlug(env, named.slug) : null;
  if (!tenant) return refuse(url, 404, 'tenant-not-found', 'No tenant is named by the host.');

  const db = tenantDb(env, tenant);
  const principal = await authenticateUpgrade(request, url, db, env);
  if (principal === 'cross-site') {
    return refuse(url, 403, 'csrf', 'A WebSocket signed in by cookie must be opened from the portal itself.');
  }
  if (!principal) {
    return refuse(url, 401, 'unauthenticated', 'Sign in, or pass a valid session or API token as the token parameter.');
  }

  const access = await party.authorize({ env, tenant, db, principal, roomId: safeDecode(roomId) });
  if (!access.ok) {
    const code = access.status === 401 ? 'unauthenticated' : access.status === 403 ? 'forbidden' : 'not-found';
    return refuse(url, access.status, code, access.detail);
  }
  const room = party.namespace(env).getByName(access.roomName);
  return room.fetch(forwardedRequest(request, url, encodeConnectionProps(access.props)));
}

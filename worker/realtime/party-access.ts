import type { Principal } from '../auth/principal';
import type { Tenant } from '../db/directory/schema';
import type { Role } from '../db/tenant/users';
import type { TenantDb } from '../tenancy/tenant-db';

// What the party gate (party-gate.ts) and each party's authorizer
// (<party>-access.ts) say to each other, and what the gate hands the room about
// who connected. Refusals are values, not exceptions (the tldraw habit):
// exceptions are for broken invariants.

/** Who connected, as the room sees it. Per-socket: rooms keep it in the connection's state. */
export interface ConnectionProps {
  tenantId: string;
  tenantSlug: string;
  /** The tenant's D1 slot, for `tenantDb(env, { slot })` inside the room. */
  slot: string;
  userId: number;
  name: string;
  role: Role;
  /** Set when the socket was opened with a session (cookie or `?token=<session token>`). */
  sessionId: string | null;
  /** Set when the socket was opened with an API token (`?token=wnp_…`). */
  tokenId: string | null;
}

/** What an authorizer is asked: may this principal join room `roomId` of this party? */
export interface PartyAccessRequest {
  env: Env;
  tenant: Tenant;
  db: TenantDb;
  principal: Principal;
  /** The room segment of `/parties/<party>/<roomId>`, unparsed. */
  roomId: string;
}

export type PartyAccess<P extends ConnectionProps = ConnectionProps> =
  | {
      ok: true;
      /** The Durable Object name, tenant-scoped: `${tenant.id}:${ticketId}` (inbox: `${tenant.id}`). */
      roomName: string;
      props: P;
    }
  | { ok: false; status: 401 | 403 | 404; detail: string };

export type PartyAuthorizer = (request: PartyAccessRequest) => Promise<PartyAccess>;

/** The props every room gets; authorizers may add their own fields. */
export function connectionProps(tenant: Tenant, principal: Principal): ConnectionProps {
  return {
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    slot: tenant.slot,
    userId: principal.userId,
    name: principal.name,
    role: principal.role,
    sessionId: principal.sessionId,
    tokenId: principal.tokenId,
  };
}

/**
 * The header that carries `ConnectionProps` from the gate to the room. The gate
 * always overwrites it, so a client cannot supply its own: rooms are reachable
 * only through the gate.
 */
export const CONNECTION_HEADER = 'x-wnp-connection';

/** Base64 of the UTF-8 JSON: header values must be ASCII, names need not be. */
export function encodeConnectionProps(props: ConnectionProps): string {
  const bytes = new TextEncoder().encode(JSON.stringify(props));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The props the gate attached to an upgrade request; throws if there are none (the gate was bypassed). */
export function readConnectionProps<P extends ConnectionProps = ConnectionProps>(request: Request): P {
  const header = request.headers.get(CONNECTION_HEADER);
  if (!header) throw new Error(`${CONNECTION_HEADER} is missing: rooms are reached only through the party gate`);
  const binary = atob(header);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as P;
}

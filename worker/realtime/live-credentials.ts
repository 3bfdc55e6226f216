import { and, eq, gt, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { apiTokens, sessions, users, type Role } from '../db/tenant/users';
import type { TenantDb } from '../tenancy/tenant-db';

// Re-checking the credentials behind open sockets. A socket outlives the
// request that authorised it, so rooms ask here, periodically, whether each
// connection's session or API token still stands: not revoked, not expired,
// its user still active. Unlike validating a token, this reads only ids (a
// room never holds a secret) and never slides a session's expiry.

/** The credential a connection was opened with: exactly one of the two is set. */
export interface Credential {
  sessionId: string | null;
  tokenId: string | null;
}

/** The user behind a credential that still stands, with their current role. */
export interface LiveCredential {
  userId: number;
  role: Role;
}

export const credentialKey = (c: Credential): string => (c.sessionId !== null ? `s:${c.sessionId}` : `t:${c.tokenId ?? ''}`);

/** A JSON array as one bound parameter: a room may hold more sockets than D1 allows parameters. */
const inList = (column: SQLWrapper, values: string[]): SQL => sql`${column} in (select value from json_each(${JSON.stringify(values)}))`;

/** The credentials among `credentials` that still stand, by `credentialKey`. */
export async function liveCredentials(db: TenantDb, credentials: readonly Credential[]): Promise<Map<string, LiveCredential>> {
  const sessionIds = [...new Set(credentials.flatMap((c) => (c.sessionId !== null ? [c.sessionId] : [])))];
  const tokenIds = [...new Set(credentials.flatMap((c) => (c.sessionId === null && c.tokenId !== null ? [c.tokenId] : [])))];
  const now = Date.now();
  const live = new Map<string, LiveCredential>();
  if (sessionIds.length > 0) {
    const rows = await db
      .select({ id: sessions.id, userId: users.id, role: users.role })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(inList(sessions.id, sessionIds), gt(sessions.expiresAt, now), eq(users.active, true)))
      .all();
    for (const row of rows) live.set(credentialKey({ sessionId: row.id, tokenId: null }), { userId: row.userId, role: row.role });
  }
  if (tokenIds.length > 0) {
    const rows = await db
      .select({ id: apiTokens.id, userId: users.id, role: users.role })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(
        and(
          inList(apiTokens.id, tokenIds),
          isNull(apiTokens.revokedAt),
          or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
          eq(users.active, true),
        ),
      )
      .all();
    for (const row of rows) live.set(credentialKey({ sessionId: null, tokenId: row.id }), { userId: row.userId, role: row.role });
  }
  return live;
}

import { and, desc, eq, isNull } from 'drizzle-orm';
import { apiTokens, type ApiToken } from '../db/tenant/users';
import type { TenantDb } from '../tenancy/tenant-db';
import { randomToken, sha256Hex } from './secrets';
import { API_TOKEN_PREFIX } from './sessions';

// Long-lived tokens for API clients. The token `wnp_<id>.<secret>` is shown once
// at creation; only SHA-256 of the secret is kept. Validation is in sessions.ts.

const DAY_MS = 86_400_000;

/** A new token for `userId`: the row to insert and the token to show once. */
export async function newApiToken(userId: number, name: string, expiresInDays: number | undefined) {
  const id = randomToken(10);
  const secret = randomToken(20);
  const now = Date.now();
  const row = {
    id,
    userId,
    name,
    secretHash: await sha256Hex(secret),
    createdAt: now,
    expiresAt: expiresInDays === undefined ? null : now + expiresInDays * DAY_MS,
  };
  return { token: `${API_TOKEN_PREFIX}${id}.${secret}`, row };
}

export function insertApiTokenStatement(db: TenantDb, row: typeof apiTokens.$inferInsert) {
  return db.insert(apiTokens).values(row);
}

/** The user's tokens, revoked and expired ones included, newest first. */
export function listApiTokens(db: TenantDb, userId: number): Promise<ApiToken[]> {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id)).all();
}

/** One of the user's own tokens; another user's token is as absent as a missing one. */
export async function findApiToken(db: TenantDb, userId: number, id: string): Promise<ApiToken | null> {
  return (await db.select().from(apiTokens).where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId))).get()) ?? null;
}

export function revokeApiTokenStatement(db: TenantDb, userId: number, id: string) {
  return db
    .update(apiTokens)
    .set({ revokedAt: Date.now() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}

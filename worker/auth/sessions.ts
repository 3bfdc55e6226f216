import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { apiTokens, sessions, users, type Session, type User } from '../db/tenant/users';
import type { TenantDb } from '../tenancy/tenant-db';
import type { Principal } from './principal';
import { randomToken, sha256Hex, timingSafeEqualText } from './secrets';

const DAY_MS = 86_400_000;
/** `last_used_at` is recorded at most this often, so reads mostly stay reads. */
const LAST_USED_RESOLUTION_MS = 60_000;
export const API_TOKEN_PREFIX = 'wnp_';

export interface SessionContext {
  ttlDays: number;
  userAgent?: string | null;
  ip?: string | null;
}

export interface NewSession {
  token: string;
  id: string;
  expiresAt: number;
  row: typeof sessions.$inferInsert;
}

/** A new session's token (`<id>.<secret>`, never stored) and the row to insert (only the secret's digest). */
export async function newSession(userId: number, ctx: SessionContext): Promise<NewSession> {
  const id = randomToken(15);
  const secret = randomToken(20);
  const expiresAt = Date.now() + ctx.ttlDays * DAY_MS;
  const row = {
    id,
    userId,
    secretHash: await sha256Hex(secret),
    expiresAt,
    userAgent: ctx.userAgent?.slice(0, 300) ?? null,
    ip: ctx.ip ?? null,
  };
  return { token: `${id}.${secret}`, id, expiresAt, row };
}

export function insertSessionStatement(db: TenantDb, session: NewSession) {
  return db.insert(sessions).values(session.row);
}

/** Starts a session outright (fixtures, scripts); requests use `signIn`, which also audits it. */
export async function createSession(db: TenantDb, userId: number, ctx: SessionContext): Promise<NewSession> {
  const session = await newSession(userId, ctx);
  await insertSessionStatement(db, session);
  return session;
}

function splitToken(token: string): { id: string; secret: string } | null {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot === token.length - 1 || token.length > 200) return null;
  return { id: token.slice(0, dot), secret: token.slice(dot + 1) };
}

function toPrincipal(user: User, via: Principal['via'], ids: { sessionId?: string; tokenId?: string }): Principal {
  return {
    userId: user.id,
    role: user.role,
    email: user.email,
    name: user.name,
    sessionId: ids.sessionId ?? null,
    tokenId: ids.tokenId ?? null,
    via,
  };
}

/**
 * Validates a session token. Sliding expiry: a session used in the second half
 * of its life is extended to a full lifetime again.
 */
export async function validateSessionToken(
  db: TenantDb,
  token: string,
  via: Principal['via'],
  ttlDays: number,
): Promise<Principal | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const now = Date.now();
  const row = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, parts.id), gt(sessions.expiresAt, now)))
    .get();
  if (!row || !row.user.active) return null;
  if (!timingSafeEqualText(row.session.secretHash, await sha256Hex(parts.secret))) return null;
  const ttl = ttlDays * DAY_MS;
  const principal = toPrincipal(row.user, via, { sessionId: parts.id });
  if (row.session.expiresAt - now < ttl / 2) {
    await db.update(sessions).set({ expiresAt: now + ttl, lastUsedAt: now }).where(eq(sessions.id, parts.id));
    principal.sessionRenewedUntil = now + ttl;
  } else if (now - row.session.lastUsedAt > LAST_USED_RESOLUTION_MS) {
    await db.update(sessions).set({ lastUsedAt: now }).where(eq(sessions.id, parts.id));
  }
  return principal;
}

/** Validates an API token (`wnp_<id>.<secret>`). */
export async function validateApiToken(db: TenantDb, token: string): Promise<Principal | null> {
  const parts = splitToken(token.slice(API_TOKEN_PREFIX.length));
  if (!parts) return null;
  const now = Date.now();
  const row = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.id, parts.id))
    .get();
  if (!row || !row.user.active || row.token.revokedAt !== null) return null;
  if (row.token.expiresAt !== null && row.token.expiresAt <= now) return null;
  if (!timingSafeEqualText(row.token.secretHash, await sha256Hex(parts.secret))) return null;
  if (row.token.lastUsedAt === null || now - row.token.lastUsedAt > LAST_USED_RESOLUTION_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, parts.id));
  }
  return toPrincipal(row.user, 'bearer', { tokenId: parts.id });
}

/** The user's sessions that have not expired, newest first. */
export function listSessions(db: TenantDb, userId: number): Promise<Session[]> {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, Date.now())))
    .orderBy(desc(sessions.createdAt), desc(sessions.id))
    .all();
}

/** One of the user's own live sessions; another user's session is as absent as a missing one. */
export async function findSession(db: TenantDb, userId: number, sessionId: string): Promise<Session | null> {
  return (
    (await db
      .select()
      .from(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), gt(sessions.expiresAt, Date.now())))
      .get()) ?? null
  );
}

export function deleteSessionStatement(db: TenantDb, userId: number, sessionId: string) {
  return db.delete(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)));
}

/** Statements that end every session of a user (but `except`) and, if asked, revoke their API tokens. */
export function revokeUserAccessStatements(
  db: TenantDb,
  userId: number,
  options: { except?: string | null; tokens?: boolean } = {},
): BatchItem<'sqlite'>[] {
  const statements: BatchItem<'sqlite'>[] = [
    db
      .delete(sessions)
      .where(options.except ? and(eq(sessions.userId, userId), ne(sessions.id, options.except)) : eq(sessions.userId, userId)),
  ];
  if (options.tokens) {
    statements.push(
      db
        .update(apiTokens)
        .set({ revokedAt: Date.now() })
        .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt))),
    );
  }
  return statements;
}

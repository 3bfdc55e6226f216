import type { RouteHandler } from '@hono/zod-openapi';
import { auditActor, auditStatement } from '../../audit/audit-log';
import { findApiToken, insertApiTokenStatement, listApiTokens, newApiToken, revokeApiTokenStatement } from '../../auth/api-tokens';
import type { AppEnv } from '../../http/app-env';
import { iso, isoOrNull } from '../../http/fields';
import { authorize } from '../../http/guards';
import { notFound } from '../../http/problem';
import type { createTokenRoute, listTokensRoute, revokeTokenRoute } from './tokens.routes';

export const listMyTokens: RouteHandler<typeof listTokensRoute, AppEnv> = async (c) => {
  const principal = authorize(c, 'token:manage_own');
  const rows = await listApiTokens(c.get('db'), principal.userId);
  const items = rows.map((t) => ({
    id: t.id,
    name: t.name,
    created_at: iso(t.createdAt),
    last_used_at: isoOrNull(t.lastUsedAt),
    expires_at: isoOrNull(t.expiresAt),
    revoked_at: isoOrNull(t.revokedAt),
  }));
  return c.json({ items }, 200);
};

export const createMyToken: RouteHandler<typeof createTokenRoute, AppEnv> = async (c) => {
  const principal = authorize(c, 'token:manage_own');
  const body = c.req.valid('json');
  const db = c.get('db');
  const { token, row } = await newApiToken(principal.userId, body.name, body.expires_in_days);
  const shown = { id: row.id, name: row.name, created_at: iso(row.createdAt), expires_at: isoOrNull(row.expiresAt) };
  await db.batch([
    insertApiTokenStatement(db, row),
    // The audit row describes the token, never its secret.
    auditStatement(db, auditActor(c), { action: 'api_token.create', targetType: 'api_token', targetId: row.id, after: shown }),
  ]);
  return c.json({ ...shown, token }, 201);
};

export const revokeMyToken: RouteHandler<typeof revokeTokenRoute, AppEnv> = async (c) => {
  const principal = authorize(c, 'token:manage_own');
  const { id } = c.req.valid('param');
  const db = c.get('db');
  const existing = await findApiToken(db, principal.userId, id);
  if (!existing) throw notFound('The API token');
  if (existing.revokedAt === null) {
    await db.batch([
      revokeApiTokenStatement(db, principal.userId, id),
      auditStatement(db, auditActor(c), {
        action: 'api_token.revoke',
        targetType: 'api_token',
        targetId: id,
        before: { name: existing.name, revoked: false },
        after: { name: existing.name, revoked: true },
      }),
    ]);
  }
  return c.body(null, 204);
};

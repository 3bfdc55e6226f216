import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLogs } from '../../worker/db/tenant/audit';
import { apiTokens } from '../../worker/db/tenant/users';
import { addUser, createTenant, problem, tenantCall, type TestTenant, type TestUser } from './harness';

// API tokens: created by their owner, shown once, hashed at rest, revocable.

interface CreatedToken {
  id: string;
  name: string;
  token: string;
  created_at: string;
  expires_at: string | null;
}

interface TokenItem {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await createTenant('tokens');
});

async function createToken(user: TestUser, body: Record<string, unknown>): Promise<CreatedToken> {
  const response = await tenantCall(tenant, 'POST', '/api/v1/auth/tokens', { token: user.token, body });
  expect(response.status).toBe(201);
  return (await response.json()) as CreatedToken;
}

async function myTokens(user: TestUser): Promise<TokenItem[]> {
  const response = await tenantCall(tenant, 'GET', '/api/v1/auth/tokens', { token: user.token });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: TokenItem[] }).items;
}

const auditRows = (action: string, id: string) =>
  tenant.db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.action, action), eq(auditLogs.targetId, id)))
    .all();

describe('API tokens', () => {
  it('shows a new token once, and it then works as a bearer token', async () => {
    const agent = await addUser(tenant, 'agent');
    const created = await createToken(agent, { name: 'CI', expires_in_days: 30 });
    expect(created.token).toMatch(new RegExp(`^wnp_${created.id}\\.[a-z2-7]{32}$`));
    expect(created.name).toBe('CI');
    const lifetime = Date.parse(created.expires_at ?? '') - Date.parse(created.created_at);
    expect(lifetime).toBe(30 * 86_400_000);

    const me = await tenantCall(tenant, 'GET', '/api/v1/auth/me', { token: created.token });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { id: number } }).user.id).toBe(agent.id);

    const [listed] = await myTokens(agent);
    expect(listed).toMatchObject({ id: created.id, name: 'CI', revoked_at: null, expires_at: created.expires_at });
    expect(listed?.last_used_at).not.toBeNull();
    expect(listed).not.toHaveProperty('token');
  });

  it('keeps only a digest of the secret: the token appears nowhere in the database', async () => {
    const agent = await addUser(tenant, 'agent');
    const created = await createToken(agent, { name: 'never stored' });
    expect(created.expires_at).toBeNull();
    const secret = created.token.split('.')[1] ?? '';
    const row = await tenant.db.select().from(apiTokens).where(eq(apiTokens.id, created.id)).get();
    expect(row?.secretHash).toMatch(/^[0-9a-f]{64}$/);

    const d1 = tenant.db.$client;
    const tables = await d1
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%'")
      .all<{ name: string }>();
    expect(tables.results.map((t) => t.name)).toContain('audit_logs');
    for (const { name } of tables.results) {
      const rows = await d1.prepare(`select * from "${name}"`).all();
      expect(JSON.stringify(rows.results), name).not.toContain(secret);
    }
  });

  it('stops a revoked token at once, lists it as revoked, and audits creation and revocation once each', async () => {
    const agent = await addUser(tenant, 'agent');
    const created = await createToken(agent, { name: 'laptop script' });
    const response = await tenantCall(tenant, 'DELETE', `/api/v1/auth/tokens/${created.id}`, { token: agent.token });
    expect(response.status).toBe(204);

    const refused = await tenantCall(tenant, 'GET', '/api/v1/auth/me', { token: created.token });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('invalid_token');
    expect((await myTokens(agent)).find((t) => t.id === created.id)?.revoked_at).not.toBeNull();

    // Revoking again changes nothing and records nothing.
    expect((await tenantCall(tenant, 'DELETE', `/api/v1/auth/tokens/${created.id}`, { token: agent.token })).status).toBe(204);
    expect(await auditRows('api_token.create', created.id)).toHaveLength(1);
    expect(await auditRows('api_token.revoke', created.id)).toHaveLength(1);
    const audited = JSON.stringify([...(await auditRows('api_token.create', created.id)), ...(await auditRows('api_token.revoke', created.id))]);
    expect(audited).not.toContain(created.token.split('.')[1]);
  });

  it("answers 404 for someone else's token, which keeps working", async () => {
    const agent = await addUser(tenant, 'agent');
    const admin = await addUser(tenant, 'admin');
    const theirs = await createToken(admin, { name: 'admin tool' });
    expect((await tenantCall(tenant, 'DELETE', `/api/v1/auth/tokens/${theirs.id}`, { token: agent.token })).status).toBe(404);
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me', { token: theirs.token })).status).toBe(200);
    expect((await myTokens(agent)).map((t) => t.id)).not.toContain(theirs.id);
  });

  it('refuses an expired token', async () => {
    const agent = await addUser(tenant, 'agent');
    const created = await createToken(agent, { name: 'short-lived', expires_in_days: 1 });
    await tenant.db.update(apiTokens).set({ expiresAt: Date.now() - 1 }).where(eq(apiTokens.id, created.id));
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me', { token: created.token })).status).toBe(401);
  });

  it('refuses a token with a right id but a wrong secret', async () => {
    const agent = await addUser(tenant, 'agent');
    const created = await createToken(agent, { name: 'guessed' });
    const guess = `wnp_${created.id}.${'a'.repeat(32)}`;
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me', { token: guess })).status).toBe(401);
  });

  it('names expires_in_days and name when they are out of range, and creates nothing', async () => {
    const agent = await addUser(tenant, 'agent');
    for (const body of [
      { name: 'x', expires_in_days: 0 },
      { name: 'x', expires_in_days: 3651 },
      { name: 'x', expires_in_days: 1.5 },
      { name: 'x', expires_in_days: '7' },
    ]) {
      const response = await tenantCall(tenant, 'POST', '/api/v1/auth/tokens', { token: agent.token, body });
      expect(response.status).toBe(422);
      expect((await problem(response)).errors?.map((e) => e.field)).toEqual(['expires_in_days']);
    }
    const response = await tenantCall(tenant, 'POST', '/api/v1/auth/tokens', { token: agent.token, body: { name: '', secret: 'x' } });
    expect((await problem(response)).errors?.map((e) => e.field).sort()).toEqual(['name', 'secret']);
    expect(await myTokens(agent)).toEqual([]);
  });

  it('lets customers manage their own tokens too', async () => {
    const customer = await addUser(tenant, 'customer');
    const created = await createToken(customer, { name: 'mobile app' });
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/me', { token: created.token })).status).toBe(200);
  });

  it('asks for a sign-in', async () => {
    expect((await tenantCall(tenant, 'GET', '/api/v1/auth/tokens')).status).toBe(401);
    expect((await tenantCall(tenant, 'POST', '/api/v1/auth/tokens', { body: { name: 'x' } })).status).toBe(401);
  });
});

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions } from '../../worker/db/tenant/users';
import { addUser, createTenant, PASSWORD, problem, tenantCall, type TestTenant } from './harness';
import { roomInWindow } from './rate-limit-window';

// The login rate limits run against the real Rate Limiting binding simulator, with
// the limits of wrangler.toml: 20 attempts a minute per tenant and client address,
// 10 a minute per tenant and account.

const IP_LIMIT = 20;
const ACCOUNT_LIMIT = 10;

function attempt(tenant: TestTenant, ip: string, email: string, password = 'a wrong password, surely') {
  return tenantCall(tenant, 'POST', '/api/v1/auth/login', { body: { email, password }, headers: { 'cf-connecting-ip': ip } });
}

async function expectThrottled(response: Response): Promise<void> {
  expect(response.status).toBe(429);
  expect(response.headers.get('retry-after')).toBe('60');
  expect((await problem(response)).detail).toMatch(/Too many/);
}

describe('login throttling', () => {
  it('answers 429 with Retry-After once one address has used up its attempts, whatever the account', async () => {
    const tenant = await createTenant('throttle-ip');
    await roomInWindow();
    for (let i = 0; i < IP_LIMIT; i++) {
      expect((await attempt(tenant, '203.0.113.7', `guess-${i}@${tenant.slug}.test`)).status).toBe(401);
    }
    await expectThrottled(await attempt(tenant, '203.0.113.7', `guess-last@${tenant.slug}.test`));
    // Another address is still welcome.
    expect((await attempt(tenant, '203.0.113.8', `guess-0@${tenant.slug}.test`)).status).toBe(401);
  });

  it('answers 429 once one account has used up its attempts, even from fresh addresses', async () => {
    const tenant = await createTenant('throttle-account');
    const agent = await addUser(tenant, 'agent');
    await roomInWindow();
    for (let i = 0; i < ACCOUNT_LIMIT; i++) {
      expect((await attempt(tenant, `192.0.2.${i}`, agent.email)).status).toBe(401);
    }
    await expectThrottled(await attempt(tenant, '192.0.2.200', agent.email));
  });

  it('throttles before verifying: the right password is refused too, and no session starts', async () => {
    const tenant = await createTenant('throttle-first');
    const agent = await addUser(tenant, 'agent');
    await roomInWindow();
    for (let i = 0; i < ACCOUNT_LIMIT; i++) await attempt(tenant, `198.18.0.${i}`, agent.email);
    const before = await tenant.db.select().from(sessions).where(eq(sessions.userId, agent.id)).all();

    const response = await attempt(tenant, '198.18.1.1', agent.email, PASSWORD);
    await expectThrottled(response);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await tenant.db.select().from(sessions).where(eq(sessions.userId, agent.id)).all()).toEqual(before);
  });

  it('counts per tenant: an address throttled in one tenant may still sign in to another', async () => {
    const busy = await createTenant('throttle-busy');
    const calm = await createTenant('throttle-calm');
    const agent = await addUser(calm, 'agent');
    await roomInWindow();
    for (let i = 0; i < IP_LIMIT; i++) await attempt(busy, '203.0.113.99', `x-${i}@${busy.slug}.test`);
    await expectThrottled(await attempt(busy, '203.0.113.99', `x@${busy.slug}.test`));
    expect((await attempt(calm, '203.0.113.99', agent.email, PASSWORD)).status).toBe(200);
  });

  it('throttles guesses of the current password when changing it, like logins', async () => {
    const tenant = await createTenant('throttle-password');
    const agent = await addUser(tenant, 'agent');
    const change = (ip: string) =>
      tenantCall(tenant, 'POST', '/api/v1/auth/password', {
        token: agent.token,
        headers: { 'cf-connecting-ip': ip },
        body: { current_password: 'a wrong password, surely', new_password: 'a brand new passphrase' },
      });
    await roomInWindow();
    for (let i = 0; i < ACCOUNT_LIMIT; i++) expect((await change(`100.64.0.${i}`)).status).toBe(422);
    await expectThrottled(await change('100.64.1.1'));
  });
});

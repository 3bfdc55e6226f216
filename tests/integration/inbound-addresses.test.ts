import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { deliver, plainMail, storedMessage, uniqueMessageId } from './email-fixtures';
import { addUser, createTenant, problem, tenantCall, type TestTenant, type TestUser } from './harness';
import { rawDb, snapshotDatabase } from './snapshot';

// A tenant's own inbound addresses: claimed and released by its admins through the
// API, each reaching exactly one tenant, and followed by the `email()` handler.

const path = '/api/v1/settings/email-addresses';

const list = async (tenant: TestTenant, admin: TestUser) => {
  const response = await tenantCall(tenant, 'GET', path, { token: admin.token });
  expect(response.status).toBe(200);
  return (await response.json()) as { default_address: string; items: { address: string; created_at: string }[] };
};

const mailTo = async (to: string) => {
  const messageId = uniqueMessageId();
  const message = await deliver(plainMail({ from: 'someone@example.com', to, subject: 'Hello', body: 'Are you there?', messageId }), {
    from: 'someone@example.com',
    to,
  });
  return { messageId, rejected: message.rejected };
};

describe('inbound e-mail addresses', () => {
  it('lists the default address, claims a custom one whose mail then opens tickets, and releases it', async () => {
    const tenant = await createTenant('inbound-own');
    const admin = await addUser(tenant, 'admin');
    expect(await list(tenant, admin)).toEqual({ default_address: `${tenant.slug}@${env.EMAIL_DOMAIN}`, items: [] });

    const added = await tenantCall(tenant, 'POST', path, { token: admin.token, body: { address: ' Support@Inbound-Own.Example ' } });
    expect(added.status, await added.clone().text()).toBe(201);
    expect(await added.json()).toMatchObject({ address: 'support@inbound-own.example' });
    expect((await list(tenant, admin)).items.map((a) => a.address)).toEqual(['support@inbound-own.example']);

    const delivered = await mailTo('support@inbound-own.example');
    expect(delivered.rejected).toBeNull();
    expect(await storedMessage(tenant, delivered.messageId)).toBeDefined();

    const removed = await tenantCall(tenant, 'DELETE', `${path}/${encodeURIComponent('support@inbound-own.example')}`, { token: admin.token });
    expect(removed.status).toBe(204);
    expect((await list(tenant, admin)).items).toEqual([]);
    expect((await mailTo('support@inbound-own.example')).rejected).toMatch(/.+/);
  });

  it('refuses an address another tenant has (409), one of our own domain (422) and agents (403), changing nothing', async () => {
    const first = await createTenant('inbound-first');
    const second = await createTenant('inbound-second');
    const firstAdmin = await addUser(first, 'admin');
    const secondAdmin = await addUser(second, 'owner');
    const agent = await addUser(second, 'agent');
    expect((await tenantCall(first, 'POST', path, { token: firstAdmin.token, body: { address: 'shared@example.org' } })).status).toBe(201);
    const before = await snapshotDatabase(env.DIRECTORY);
    const secondBefore = await snapshotDatabase(rawDb(second));

    const taken = await tenantCall(second, 'POST', path, { token: secondAdmin.token, body: { address: 'shared@example.org' } });
    expect(taken.status).toBe(409);
    expect((await problem(taken)).detail).toMatch(/already reaches/);

    const ours = await tenantCall(second, 'POST', path, { token: secondAdmin.token, body: { address: `${first.slug}@${env.EMAIL_DOMAIN}` } });
    expect(ours.status).toBe(422);
    // Refused as a default address, or (with EMAIL_DOMAIN = localhost, as here) already as no public address.
    expect((await problem(ours)).errors).toMatchObject([{ field: 'address', detail: expect.stringMatching(/default addresses|e-mail address/) }]);

    const notAnAddress = await tenantCall(second, 'POST', path, { token: secondAdmin.token, body: { address: 'nope' } });
    expect(notAnAddress.status).toBe(422);
    expect((await problem(notAnAddress)).errors?.[0]?.field).toBe('address');

    expect((await tenantCall(second, 'POST', path, { token: agent.token, body: { address: 'mine@example.org' } })).status).toBe(403);
    // The other tenant's address is not there to delete.
    expect((await tenantCall(second, 'DELETE', `${path}/${encodeURIComponent('shared@example.org')}`, { token: secondAdmin.token })).status).toBe(404);

    expect(await snapshotDatabase(env.DIRECTORY)).toEqual(before);
    expect(await snapshotDatabase(rawDb(second))).toEqual(secondBefore);
    expect((await mailTo('shared@example.org')).rejected).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { addUser, createTenant, tenantCall } from './harness';
import { PUSH_KEYS } from './notification-fixtures';

// The settings page lists the browsers a person registered for push, so they
// can remove one: each person sees only their own.

describe('listing my push subscriptions', () => {
  it('shows my browsers oldest first, not another person’s, and forgets a removed one', async () => {
    const tenant = await createTenant('push-list');
    const [me, colleague] = [await addUser(tenant, 'agent'), await addUser(tenant, 'customer')];
    const register = (token: string, endpoint: string) => tenantCall(tenant, 'POST', '/api/v1/notifications/push-subscriptions', { token, body: { endpoint, keys: PUSH_KEYS } });
    const list = async (token: string) => ((await (await tenantCall(tenant, 'GET', '/api/v1/notifications/push-subscriptions', { token })).json()) as { items: { id: number; endpoint: string; created_at: string }[] }).items;

    await register(me.token, 'https://push.example.net/laptop');
    await register(colleague.token, 'https://push.example.net/their-phone');
    await register(me.token, 'https://push.example.net/phone');
    const mine = await list(me.token);
    expect(mine.map((s) => s.endpoint)).toEqual(['https://push.example.net/laptop', 'https://push.example.net/phone']);
    expect(Object.keys(mine[0]!).sort()).toEqual(['created_at', 'endpoint', 'id']);

    await tenantCall(tenant, 'DELETE', `/api/v1/notifications/push-subscriptions/${mine[0]!.id}`, { token: me.token });
    expect((await list(me.token)).map((s) => s.endpoint)).toEqual(['https://push.example.net/phone']);
    expect((await list(colleague.token)).map((s) => s.endpoint)).toEqual(['https://push.example.net/their-phone']);
  });
});

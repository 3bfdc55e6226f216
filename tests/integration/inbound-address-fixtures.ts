import { expect } from 'vitest';
import { tenantCall, type TestTenant, type TestUser } from './harness';

let counter = 0;

/** A custom inbound address claimed by `tenant` through the API (the endpoint catalogue's `inboundAddress`). */
export async function inboundAddressTargets(tenant: TestTenant, owner: TestUser): Promise<{ inboundAddress: string }> {
  const address = `help-${counter++}@${tenant.slug}.example`;
  const response = await tenantCall(tenant, 'POST', '/api/v1/settings/email-addresses', { token: owner.token, body: { address } });
  expect(response.status, await response.clone().text()).toBe(201);
  return { inboundAddress: address };
}

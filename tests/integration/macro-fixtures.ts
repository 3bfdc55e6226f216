import { expect } from 'vitest';
import { tenantCall, type TestTenant, type TestUser } from './harness';

let counter = 0;

/** A macro written by `owner` through the API (the endpoint catalogue's `macroId`). */
export async function macroTargets(tenant: TestTenant, owner: TestUser): Promise<{ macroId: number }> {
  const body = { title: `Macro ${counter++}`, body: 'Hello {{customer.name}}, we are on it.', status: 'pending' };
  const response = await tenantCall(tenant, 'POST', '/api/v1/macros', { token: owner.token, body });
  expect(response.status, await response.clone().text()).toBe(201);
  return { macroId: ((await response.json()) as { id: number }).id };
}

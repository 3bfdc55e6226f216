import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { tenants, tenantSlots } from '../../worker/db/directory/schema';
import { directoryDb } from '../../worker/tenancy/directory';
import { slotNames } from '../../worker/tenancy/tenant-db';
import { call, createTenant, OPERATOR_TOKEN, problem } from './harness';

describe('tenants', () => {
  it('refuses tenant creation without the operator token', async () => {
    const body = { slug: 'nope', name: 'Nope', admin_email: 'a@nope.test' };
    expect((await call('POST', '/api/v1/tenants', { body })).status).toBe(401);
    expect((await call('POST', '/api/v1/tenants', { body, token: 'wrong' })).status).toBe(401);
    expect(await directoryDb(env).select().from(tenants).all()).toEqual([]);
  });

  it('gives each tenant its own database slot and an owner invitation', async () => {
    const a = await createTenant('a');
    const b = await createTenant('b');
    const rows = await directoryDb(env).select().from(tenants).all();
    const slots = new Set(rows.map((r) => r.slot));
    expect(slots.size).toBe(rows.length);
    expect(a.ownerInvitation).toMatch(/^[a-z2-7]{30,}$/);
    expect(b.id).not.toBe(a.id);
  });

  it('names the field when the body is invalid, and creates nothing', async () => {
    const before = await directoryDb(env).select().from(tenants).all();
    const response = await call('POST', '/api/v1/tenants', {
      token: OPERATOR_TOKEN,
      body: { slug: 'Bad Slug!', name: '', admin_email: 'not-an-email', extra: 1 },
    });
    expect(response.status).toBe(422);
    const body = await problem(response);
    expect(body.errors?.map((e) => e.field).sort()).toEqual(['admin_email', 'extra', 'name', 'slug']);
    expect(await directoryDb(env).select().from(tenants).all()).toEqual(before);
  });

  it('answers 409 for a taken slug', async () => {
    const a = await createTenant('dup');
    const response = await call('POST', '/api/v1/tenants', {
      token: OPERATOR_TOKEN,
      body: { slug: a.slug, name: 'Again', admin_email: 'x@y.test' },
    });
    expect(response.status).toBe(409);
    expect((await problem(response)).errors?.[0]?.field).toBe('slug');
  });

  it('answers 503 when the slot pool is exhausted and leaves the directory unchanged', async () => {
    const free = async () => (await directoryDb(env).select().from(tenantSlots).all()).filter((s) => s.tenantId === null).length;
    await createTenant('fill');
    for (let i = await free(); i > 0; i--) await createTenant('fill');
    expect(await free()).toBe(0);
    const before = await directoryDb(env).select().from(tenants).all();
    expect(before.length).toBe(slotNames(env).length);

    const response = await call('POST', '/api/v1/tenants', {
      token: OPERATOR_TOKEN,
      body: { slug: 'one-too-many', name: 'Late', admin_email: 'late@x.test' },
    });
    expect(response.status).toBe(503);
    expect((await problem(response)).detail).toMatch(/slot/);
    expect(await directoryDb(env).select().from(tenants).all()).toEqual(before);
  });
});

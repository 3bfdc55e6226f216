import type { RouteHandler } from '@hono/zod-openapi';
import { auditActor, auditStatement } from '../../audit/audit-log';
import { defaultTenantAddress, slugOfAddress } from '../../email/inbound-address';
import { addCustomAddress, listCustomAddresses, removeCustomAddress } from '../../email/inbound-address-store';
import type { AppEnv } from '../../http/app-env';
import { iso } from '../../http/fields';
import { authorize } from '../../http/guards';
import { invalid, notFound, ProblemError } from '../../http/problem';
import type { addInboundAddressRoute, listInboundAddressesRoute, removeInboundAddressRoute } from './email-addresses.routes';

export const listInboundAddresses: RouteHandler<typeof listInboundAddressesRoute, AppEnv> = async (c) => {
  authorize(c, 'settings:manage');
  const tenant = c.get('tenant');
  const items = await listCustomAddresses(c.env, tenant.id);
  return c.json(
    { default_address: defaultTenantAddress(tenant, c.env.EMAIL_DOMAIN), items: items.map((a) => ({ address: a.address, created_at: iso(a.createdAt) })) },
    200,
  );
};

export const addInboundAddress: RouteHandler<typeof addInboundAddressRoute, AppEnv> = async (c) => {
  authorize(c, 'settings:manage');
  const { address } = c.req.valid('json');
  if (slugOfAddress(address, c.env.EMAIL_DOMAIN) !== null) {
    throw invalid([{ field: 'address', detail: `addresses at ${c.env.EMAIL_DOMAIN} are tenants' default addresses; use one of your own domain` }]);
  }
  const tenant = c.get('tenant');
  const added = await addCustomAddress(c.env, tenant.id, address);
  if (!added) throw new ProblemError(409, 'address-taken', `${address} already reaches a help desk.`);
  // The directory and the tenant's database are two databases: if the audit row cannot be
  // written, the claim is released again, so no change goes unrecorded.
  const db = c.get('db');
  try {
    await db.batch([auditStatement(db, auditActor(c), { action: 'inbound_address.add', targetType: 'inbound_address', targetId: address, after: { address } })]);
  } catch (error) {
    await removeCustomAddress(c.env, tenant.id, address);
    throw error;
  }
  return c.json({ address: added.address, created_at: iso(added.createdAt) }, 201);
};

export const removeInboundAddress: RouteHandler<typeof removeInboundAddressRoute, AppEnv> = async (c) => {
  const { address } = c.req.valid('param');
  const tenant = c.get('tenant');
  // Existence before role: another tenant's address is "not found" to everyone here.
  if (!(await listCustomAddresses(c.env, tenant.id)).some((a) => a.address === address)) throw notFound('The address');
  authorize(c, 'settings:manage');
  const db = c.get('db');
  // Audited first: if the release then failed, the record would show an attempt, never hide a change.
  await db.batch([auditStatement(db, auditActor(c), { action: 'inbound_address.remove', targetType: 'inbound_address', targetId: address, before: { address } })]);
  if (!(await removeCustomAddress(c.env, tenant.id, address))) throw notFound('The address');
  return c.body(null, 204);
};

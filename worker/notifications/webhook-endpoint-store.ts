import { eq, sql } from 'drizzle-orm';
import { auditStatement, type AuditActor } from '../audit/audit-log';
import { randomToken } from '../auth/secrets';
import { webhookEndpoints, type WebhookEndpoint } from '../db/tenant/notifications';
import type { TenantDb } from '../tenancy/tenant-db';

export interface NewWebhookEndpoint {
  url: string;
  events: string[];
  description: string;
}

/** The endpoint without its secret, as audit rows and lists show it. */
const publicView = (endpoint: WebhookEndpoint) => ({
  id: endpoint.id,
  url: endpoint.url,
  events: endpoint.events,
  description: endpoint.description,
});

export async function listWebhookEndpoints(db: TenantDb): Promise<WebhookEndpoint[]> {
  return db.select().from(webhookEndpoints).orderBy(webhookEndpoints.id).all();
}

export async function findWebhookEndpoint(db: TenantDb, id: number): Promise<WebhookEndpoint | null> {
  return (await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get()) ?? null;
}

/** Creates an endpoint with a fresh signing secret (`whsec_…`), which the caller shows once. */
export async function createWebhookEndpoint(db: TenantDb, actor: AuditActor, endpoint: NewWebhookEndpoint): Promise<WebhookEndpoint> {
  const secret = `whsec_${randomToken(24)}`;
  const [[row]] = await db.batch([
    db
      .insert(webhookEndpoints)
      .values({ ...endpoint, secret })
      .returning(),
    auditStatement(db, actor, {
      action: 'webhook.create',
      targetType: 'webhook',
      // The row inserted just before in this batch (D1 runs a batch as one transaction).
      targetId: sql`(select max(${webhookEndpoints.id}) from ${webhookEndpoints})`,
      after: endpoint,
    }),
  ]);
  if (!row) throw new Error('the webhook insert returned no row');
  return row;
}

export async function deleteWebhookEndpoint(db: TenantDb, actor: AuditActor, endpoint: WebhookEndpoint): Promise<void> {
  await db.batch([
    db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id)),
    auditStatement(db, actor, { action: 'webhook.delete', targetType: 'webhook', targetId: endpoint.id, before: publicView(endpoint) }),
  ]);
}

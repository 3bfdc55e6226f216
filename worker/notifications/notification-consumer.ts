import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { tenants } from '../db/directory/schema';
import { directoryDb } from '../tenancy/directory';
import { tenantDb } from '../tenancy/tenant-db';
import { LEASE_MS, markDead } from './delivery-store';
import { backoffSeconds } from './notification-backoff';
import { deliverNotification } from './notification-delivery';

// The two queue consumers. `notifications`: deliver each message, acknowledge
// what is finished, retry the rest with exponential backoff; after the queue's
// max_retries the platform moves the message to `notifications-dlq`, whose
// consumer marks the row dead so admins can list and replay it.

const messageSchema = z.object({ tenant_id: z.string().min(1), notification_id: z.number().int().positive() });

async function tenantOf(env: Env, tenantId: string) {
  return directoryDb(env).select().from(tenants).where(eq(tenants.id, tenantId)).get();
}

function log(event: string, detail: Record<string, unknown>): void {
  console.warn(JSON.stringify({ level: 'warn', event, ...detail }));
}

async function deliverOne(message: Message<unknown>, env: Env): Promise<void> {
  const parsed = messageSchema.safeParse(message.body);
  if (!parsed.success) {
    // It can never be delivered; retrying would only fill the dead letters with noise.
    log('notifications.malformed_message', { id: message.id });
    return message.ack();
  }
  const tenant = await tenantOf(env, parsed.data.tenant_id);
  if (!tenant) return message.ack();
  try {
    const outcome = await deliverNotification(env, tenantDb(env, tenant), tenant, parsed.data.notification_id);
    if (outcome.kind === 'busy') return message.retry({ delaySeconds: LEASE_MS / 1000 });
    if (outcome.kind === 'failed') {
      log('notifications.delivery_failed', { tenant: tenant.id, notification: parsed.data.notification_id, attempts: message.attempts, error: outcome.error });
      return message.retry({ delaySeconds: backoffSeconds(message.attempts) });
    }
    return message.ack();
  } catch (error) {
    // Our own storage failed: same backoff as a provider failure.
    log('notifications.consumer_error', { tenant: tenant.id, notification: parsed.data.notification_id, error: String(error) });
    return message.retry({ delaySeconds: backoffSeconds(message.attempts) });
  }
}

export async function consumeNotifications(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  await Promise.all(batch.messages.map((message) => deliverOne(message, env)));
}

/** `notifications-dlq`: the queue gave up on these; the rows become dead letters (a delivered one stays delivered). */
export async function consumeDeadNotifications(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    const parsed = messageSchema.safeParse(message.body);
    const tenant = parsed.success ? await tenantOf(env, parsed.data.tenant_id) : undefined;
    if (parsed.success && tenant) {
      await markDead(tenantDb(env, tenant), parsed.data.notification_id, null, Date.now(), false);
      log('notifications.dead_letter', { tenant: tenant.id, notification: parsed.data.notification_id });
    }
    message.ack();
  }
}

import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { expect, vi } from 'vitest';
import worker from '../../worker/index';
import { notifications, type Notification } from '../../worker/db/tenant/notifications';
import { notifyStatements, type EventNotification } from '../../worker/notifications/notification-outbox';
import type { NotificationMessage } from '../../worker/notifications/notification-relay';
import { tenantCall, type TestTenant, type TestUser } from './harness';

// Shared by the notification tests: record an event as a cause would, run queue
// batches through the worker's real queue handler, and stand in for the
// providers' HTTP APIs (the only thing faked) by intercepting fetch.

/** Records an event in one batch, exactly as a cause does. */
export async function record(tenant: TestTenant, notification: EventNotification): Promise<Notification[]> {
  const [first, ...rest] = notifyStatements(tenant.db, notification);
  if (!first) throw new Error('no statements');
  await tenant.db.batch([first, ...rest]);
  const rows = await tenant.db.select().from(notifications).where(eq(notifications.event, notification.event)).orderBy(notifications.id).all();
  return rows.filter((row) => row.idempotencyKey.startsWith(`${notification.event}:${String(notification.cause)}:`));
}

let messageCounter = 0;

/** One queue message for a notification, as the relay sends it. */
export function messageFor(tenant: TestTenant, notificationId: number, attempts = 1) {
  const body: NotificationMessage = { tenant_id: tenant.id, notification_id: notificationId };
  return { id: `msg-${messageCounter++}`, timestamp: new Date(), attempts, body };
}

/** Runs a batch through the worker's `queue()` entry, as the platform would, and returns what it acked or retried. */
export async function deliverBatch(queue: 'notifications' | 'notifications-dlq', messages: ReturnType<typeof messageFor>[], environment: Env = env) {
  const batch = createMessageBatch(queue, messages);
  // getQueueResult reports which messages were retried but not their delay: watch retry() for it.
  const delays: Record<string, number | undefined> = {};
  for (const message of batch.messages) {
    const retry = message.retry.bind(message);
    vi.spyOn(message, 'retry').mockImplementation((options) => {
      delays[message.id] = options?.delaySeconds;
      retry(options);
    });
  }
  const ctx = createExecutionContext();
  await worker.queue(batch, environment, ctx);
  return { ...(await getQueueResult(batch, ctx)), delays };
}

export interface ProviderCall {
  url: string;
  method: string;
  headers: Headers;
  body: string;
  bytes: Uint8Array;
}

/**
 * Intercepts outgoing fetches (workerd runs the worker in this test's isolate,
 * so `globalThis.fetch` is the one it calls) and answers with `respond`.
 */
export function stubProviders(respond: (call: ProviderCall) => Response | Promise<Response>) {
  const calls: ProviderCall[] = [];
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input as RequestInfo, init as RequestInit);
    const bytes = new Uint8Array(await request.arrayBuffer());
    const call = { url: request.url, method: request.method, headers: request.headers, body: new TextDecoder().decode(bytes), bytes };
    calls.push(call);
    return respond(call);
  });
  return { calls, restore: () => spy.mockRestore() };
}

/** The environment with providers switched on or off (secrets as `wrangler secret put` would set them). */
export function withProviders(overrides: Partial<Env>): Env {
  return {
    ...env,
    EMAIL_API_KEY: undefined,
    TWILIO_ACCOUNT_SID: undefined,
    TWILIO_AUTH_TOKEN: undefined,
    TWILIO_FROM_NUMBER: undefined,
    VAPID_PUBLIC_KEY: undefined,
    VAPID_PRIVATE_KEY: undefined,
    ...overrides,
  };
}

export async function notificationRow(tenant: TestTenant, id: number): Promise<Notification> {
  const row = await tenant.db.select().from(notifications).where(eq(notifications.id, id)).get();
  if (!row) throw new Error(`notification ${id} is gone`);
  return row;
}

let targetCounter = 0;

/** The notification objects the endpoint catalogue points at: the caller's push subscription, a webhook endpoint, a dead letter. */
export async function notificationTargets(
  tenant: TestTenant,
  caller: TestUser,
  owner: TestUser,
): Promise<{ pushSubscriptionId: number; webhookId: number; deadLetterId: number }> {
  const n = `${Date.now().toString(36)}-${targetCounter++}`;
  const post = async (token: string, path: string, body: unknown) => {
    const response = await tenantCall(tenant, 'POST', `/api/v1/notifications${path}`, { token, body });
    expect(response.status, await response.clone().text()).toBe(201);
    return ((await response.json()) as { id: number }).id;
  };
  const [dead] = await tenant.db
    .insert(notifications)
    .values({
      event: 'ticket.created',
      recipientId: caller.id,
      channel: 'email',
      payload: { ticket_id: 1 },
      idempotencyKey: `catalogue:${n}`,
      state: 'dead',
      attempts: 5,
      lastError: 'the e-mail provider answered 503',
    })
    .returning();
  return {
    pushSubscriptionId: await post(caller.token, '/push-subscriptions', { endpoint: `https://push.example.net/catalogue/${n}`, keys: PUSH_KEYS }),
    webhookId: await post(owner.token, '/webhooks', { url: `https://hooks.example.net/catalogue/${n}`, events: ['ticket.created'] }),
    deadLetterId: dead?.id as number,
  };
}

/** RFC 8291's example user-agent keys: a valid p256dh and auth pair. */
export const PUSH_KEYS = { p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4', auth: 'BTBZMqHH6r4Tts7J_aSIgg' };

import type { Tenant } from '../db/directory/schema';
import type { Notification } from '../db/tenant/notifications';
import type { TenantDb } from '../tenancy/tenant-db';
import { asDeliveryError, DeliveryError } from './delivery-error';
import {
  claimNotification,
  deliveryContext,
  forgetPushSubscription,
  markDead,
  markFailed,
  markSent,
  notificationState,
  recordDelivery,
  type DeliveryContext,
  type OutboxEntry,
} from './delivery-store';
import { isNotificationEvent } from './notification-events';
import { emailConfigured, pushConfigured, sendEmail, sendPush, sendSms, sendWebhook, smsConfigured, type OutgoingMessage } from './notification-providers';
import { renderNotification, ticketLink, type RenderedMessage } from './notification-templates';

// Delivering one notification, whatever the queue does: it is claimed first (a
// concurrent duplicate backs off), each of its messages is handed over at most
// once (its delivery key is recorded), and the row ends sent, failed or dead.

export type DeliveryOutcome =
  /** Sent now, or already finished (a duplicate delivery, a purged row): acknowledge. */
  | { kind: 'done' }
  /** Another consumer holds the lease: try again once it has run out. */
  | { kind: 'busy' }
  /** A transient failure: retry with backoff. */
  | { kind: 'failed'; error: string }
  /** Refused for good: the row is dead, acknowledge. */
  | { kind: 'dead'; error: string };

/** One message to hand over: to a provider, or (no provider configured) into the outbox. */
interface Target {
  deliveryKey: string;
  outbox: OutboxEntry | null;
  send: () => Promise<void>;
  /** Called when the provider says the address is gone for good. */
  onGone?: () => Promise<void>;
}

export async function deliverNotification(env: Env, db: TenantDb, tenant: Pick<Tenant, 'slug'>, id: number, now = Date.now()): Promise<DeliveryOutcome> {
  const notification = await claimNotification(db, id, now);
  if (!notification) return (await notificationState(db, id)) === 'sending' ? { kind: 'busy' } : { kind: 'done' };
  try {
    const context = await deliveryContext(db, notification);
    for (const target of targets(env, db, tenant, notification, context, now)) {
      if (context.delivered.has(target.deliveryKey)) continue;
      try {
        await target.send();
      } catch (error) {
        const failure = asDeliveryError(error);
        if (!(failure.permanent && target.onGone)) throw failure;
        await target.onGone();
        continue;
      }
      await recordDelivery(db, notification, target.deliveryKey, target.outbox ? 'outbox' : 'provider', target.outbox);
    }
    await markSent(db, notification.id, Date.now());
    return { kind: 'done' };
  } catch (error) {
    const failure = asDeliveryError(error);
    if (failure.permanent) {
      await markDead(db, notification.id, failure.message, Date.now(), true);
      return { kind: 'dead', error: failure.message };
    }
    await markFailed(db, notification.id, failure.message, Date.now());
    return { kind: 'failed', error: failure.message };
  }
}

function render(env: Env, tenant: Pick<Tenant, 'slug'>, notification: Notification, locale: 'en' | 'ru'): RenderedMessage & { link: string | null } {
  if (!isNotificationEvent(notification.event)) throw new DeliveryError(`no template for the event "${notification.event}"`, true);
  const link = ticketLink(env.APP_DOMAIN, tenant.slug, notification.payload.ticket_id);
  return { ...renderNotification({ event: notification.event, locale, payload: notification.payload, link }), link };
}

function targets(env: Env, db: TenantDb, tenant: Pick<Tenant, 'slug'>, notification: Notification, context: DeliveryContext, now: number): Target[] {
  const key = notification.idempotencyKey;
  if (notification.channel === 'webhook') {
    const webhook = context.webhook;
    if (!webhook) throw new DeliveryError('the webhook endpoint was deleted', true);
    const body = JSON.stringify({ id: key, event: notification.event, created_at: new Date(notification.createdAt).toISOString(), data: notification.payload });
    return [{ deliveryKey: key, outbox: null, send: () => sendWebhook(webhook, notification.event, key, body, Math.floor(now / 1000)) }];
  }
  const recipient = context.recipient;
  if (!recipient?.active) throw new DeliveryError('the recipient is missing or deactivated', true);
  const rendered = render(env, tenant, notification, recipient.locale);
  const message: OutgoingMessage = { deliveryKey: key, ...rendered };
  const outbox = (address: string): OutboxEntry => ({ address, locale: recipient.locale, subject: rendered.subject, body: rendered.text });
  const local = (address: string, deliveryKey = key): Target => ({ deliveryKey, outbox: outbox(address), send: async () => {} });

  switch (notification.channel) {
    case 'email':
      return [emailConfigured(env) ? { deliveryKey: key, outbox: null, send: () => sendEmail(env, recipient.email, message) } : local(recipient.email)];
    case 'sms': {
      const phone = recipient.smsPhone;
      if (!phone) throw new DeliveryError('the recipient has no SMS number', true);
      return [smsConfigured(env) ? { deliveryKey: key, outbox: null, send: () => sendSms(env, phone, message) } : local(phone)];
    }
    case 'push':
      // One message per browser the user subscribed; none subscribed is nothing to send.
      return context.pushSubscriptions.map((subscription) => {
        const deliveryKey = `${key}:${subscription.id}`;
        if (!pushConfigured(env)) return local(subscription.endpoint, deliveryKey);
        return {
          deliveryKey,
          outbox: null,
          send: () => sendPush(env, subscription, { ...message, deliveryKey }),
          onGone: () => forgetPushSubscription(db, subscription.id),
        };
      });
  }
}

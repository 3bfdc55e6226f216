import { DeliveryError, assertDelivered } from './delivery-error';
import { encryptPushPayload, type PushKeys } from './web-push-encryption';
import { vapidAuthorization } from './vapid';
import { SIGNATURE_HEADER, webhookSignature } from './webhook-signature';

// The providers' HTTP APIs. Each is "configured" when its secrets are set
// (wrangler secrets, or .dev.vars locally); an unconfigured channel delivers to
// the local outbox instead. Secrets go into request headers only, never logs.

export interface OutgoingMessage {
  /** Also the provider's idempotency key where the API has one. */
  deliveryKey: string;
  subject: string;
  text: string;
  /** The ticket the message is about; a push notification opens it when clicked. */
  link?: string | null;
}

export const emailConfigured = (env: Env): boolean => Boolean(env.EMAIL_API_KEY);
export const smsConfigured = (env: Env): boolean => Boolean(env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM_NUMBER);
export const pushConfigured = (env: Env): boolean => Boolean(env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY);

/** A Resend-style JSON API: POST /emails with a bearer key; `Idempotency-Key` makes a retried send a no-op. */
export async function sendEmail(env: Env, to: string, message: OutgoingMessage): Promise<void> {
  const response = await fetch(new URL('/emails', env.EMAIL_API_URL), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${env.EMAIL_API_KEY}`,
      'content-type': 'application/json',
      'idempotency-key': message.deliveryKey,
    },
    body: JSON.stringify({ from: env.NOTIFICATIONS_EMAIL_FROM, to: [to], subject: message.subject, text: message.text }),
  });
  await assertDelivered('the e-mail provider', response);
}

/** A Twilio-style Messages API: form POST with HTTP basic auth (account SID : auth token). */
export async function sendSms(env: Env, to: string, message: OutgoingMessage): Promise<void> {
  const sid = env.TWILIO_ACCOUNT_SID ?? '';
  const response = await fetch(new URL(`/2010-04-01/Accounts/${encodeURIComponent(sid)}/Messages.json`, env.SMS_API_URL), {
    method: 'POST',
    headers: {
      authorization: `Basic ${btoa(`${sid}:${env.TWILIO_AUTH_TOKEN}`)}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ To: to, From: env.TWILIO_FROM_NUMBER ?? '', Body: message.text }),
  });
  await assertDelivered('the SMS provider', response);
}

export interface PushTarget extends PushKeys {
  endpoint: string;
}

/**
 * RFC 8030 push with an RFC 8291-encrypted JSON body `{ title, body, url }` and a
 * VAPID header. A 404/410 means the subscription is gone: permanent.
 */
export async function sendPush(env: Env, target: PushTarget, message: OutgoingMessage): Promise<void> {
  const payload = new TextEncoder().encode(JSON.stringify({ title: message.subject, body: message.text, url: message.link ?? null }));
  const authorization = await vapidAuthorization(target.endpoint, {
    publicKey: env.VAPID_PUBLIC_KEY ?? '',
    privateKey: env.VAPID_PRIVATE_KEY ?? '',
    subject: env.VAPID_SUBJECT,
  });
  const response = await fetch(target.endpoint, {
    method: 'POST',
    headers: {
      authorization,
      'content-encoding': 'aes128gcm',
      'content-type': 'application/octet-stream',
      ttl: String(24 * 60 * 60),
      // RFC 8030 §5.4: a push service that supports it collapses redeliveries of one topic.
      topic: (await topicOf(message.deliveryKey)).slice(0, 32),
    },
    body: await encryptPushPayload(payload, target),
  });
  if (response.status === 404 || response.status === 410) throw new DeliveryError('the push subscription has expired', true);
  await assertDelivered('the push service', response);
}

/** Topics are at most 32 URL-safe characters: a hash of the delivery key. */
async function topicOf(key: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  return Buffer.from(digest).toString('base64url');
}

export interface WebhookTarget {
  url: string;
  secret: string;
}

/** A signed JSON POST; `X-WorkerNet-Delivery` carries the idempotency key for the receiver to deduplicate. */
export async function sendWebhook(target: WebhookTarget, event: string, deliveryKey: string, body: string, nowSeconds: number): Promise<void> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'WorkerNet-Webhooks/1',
      'x-workernet-event': event,
      'x-workernet-delivery': deliveryKey,
      [SIGNATURE_HEADER.toLowerCase()]: await webhookSignature(target.secret, nowSeconds, body),
    },
    body,
  });
  await assertDelivered('the webhook endpoint', response);
}

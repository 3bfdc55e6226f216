import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import worker from '../../worker/index';
import { emailMessages } from '../../worker/db/tenant/email';
import type { TestTenant } from './harness';

// Inbound mail in tests: a ForwardableEmailMessage built from raw RFC 822 text,
// as Email Routing hands it to the worker, delivered through the worker's own
// `email` entry point.

export interface DeliveredMessage extends ForwardableEmailMessage {
  /** The reason given to `setReject`, if the worker rejected the message. */
  readonly rejected: string | null;
}

/** The header block of raw mail as a Headers object (folded lines unfolded), as the runtime gives it. */
function headersOf(raw: string): Headers {
  const block = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const headers = new Headers();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

export function emailMessage(raw: string, envelope: { from: string; to: string }): DeliveredMessage {
  const bytes = new TextEncoder().encode(raw.replace(/\r?\n/g, '\r\n'));
  let rejected: string | null = null;
  return {
    from: envelope.from,
    to: envelope.to,
    raw: new Blob([bytes]).stream(),
    rawSize: bytes.byteLength,
    headers: headersOf(raw),
    setReject(reason: string) {
      rejected = reason;
    },
    forward: () => Promise.reject(new Error('inbound mail must not be forwarded')),
    reply: () => Promise.reject(new Error('inbound mail must not be answered')),
    get rejected() {
      return rejected;
    },
  };
}

/** Delivers raw mail to the worker's `email` handler and waits for its background work (the inbox publish). */
export async function deliver(raw: string, envelope: { from: string; to: string }): Promise<DeliveredMessage> {
  const message = emailMessage(raw, envelope);
  const ctx = createExecutionContext();
  await worker.email(message, env, ctx);
  await waitOnExecutionContext(ctx);
  return message;
}

/** The tenant's default inbound address. */
export const inboxAddress = (tenant: TestTenant): string => `${tenant.slug}@${env.EMAIL_DOMAIN}`;

/** What a delivered message became: its stored thread record, or undefined if it became nothing. */
export function storedMessage(tenant: TestTenant, messageId: string) {
  return tenant.db.select().from(emailMessages).where(eq(emailMessages.messageId, messageId)).get();
}

let counter = 0;
/** A Message-ID no other test message has. */
export const uniqueMessageId = (domain = 'mail.example.com'): string => `m${Date.now().toString(36)}.${(counter++).toString(36)}@${domain}`;

export interface PlainMail {
  from: string;
  to: string;
  subject: string;
  body: string;
  messageId: string;
  headers?: Record<string, string>;
}

/** A simple text/plain message. */
export function plainMail(mail: PlainMail): string {
  const extra = Object.entries(mail.headers ?? {}).map(([k, v]) => `${k}: ${v}\n`).join('');
  return (
    `From: ${mail.from}\nTo: ${mail.to}\nSubject: ${mail.subject}\nMessage-ID: <${mail.messageId}>\n` +
    `Date: Sat, 28 Nov 2026 10:00:00 +0000\nMIME-Version: 1.0\n${extra}Content-Type: text/plain; charset=utf-8\n\n${mail.body}\n`
  );
}

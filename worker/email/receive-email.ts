import PostalMime, { type Email } from 'postal-mime';
import { tenantDb } from '../tenancy/tenant-db';
import { fileMail, type MailOutcome } from './email-to-ticket';
import { tenantForRecipient } from './inbound-address';
import { hasPlainTextPart, readInboundMail } from './inbound-mail';
import { loopReason, type LoopReason } from './loop-protection';

// The `email()` handler (Cloudflare Email Routing → this worker). Refusals the
// sender should hear about are `setReject` (the sending server bounces them
// with our reason); machine mail is dropped silently, because bouncing or
// answering it is how mail loops start.

/** Email Routing's own ceiling, and ours: larger mail is refused before it is read. */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export type InboundOutcome = MailOutcome | { kind: 'rejected'; reason: string } | { kind: 'dropped'; reason: LoopReason };

/** What of Email Routing's message we read: the envelope, the bytes, and the way to refuse it. */
export type InboundMessage = Pick<ForwardableEmailMessage, 'from' | 'to' | 'raw' | 'rawSize' | 'setReject'>;

function firstHeader(email: Email): (name: string) => string | undefined {
  const headers = new Map<string, string>();
  for (const { key, value } of email.headers) if (!headers.has(key)) headers.set(key, value);
  return (name) => headers.get(name.toLowerCase());
}

async function parse(message: InboundMessage): Promise<{ email: Email; raw: Uint8Array } | null> {
  const raw = new Uint8Array(await new Response(message.raw).arrayBuffer());
  try {
    return { email: await PostalMime.parse(raw), raw };
  } catch {
    return null;
  }
}

async function receive(message: InboundMessage, env: Env, ctx: ExecutionContext, requestId: string): Promise<InboundOutcome> {
  if (message.rawSize > MAX_MESSAGE_BYTES) {
    const mb = (message.rawSize / (1024 * 1024)).toFixed(1);
    return { kind: 'rejected', reason: `The message is ${mb} MB; the largest we accept is 25 MB. Send large files as links.` };
  }
  const tenant = await tenantForRecipient(env, message.to);
  if (!tenant) return { kind: 'rejected', reason: `No support team receives mail at ${message.to}.` };

  const parsed = await parse(message);
  if (!parsed) return { kind: 'rejected', reason: 'The message could not be read as MIME.' };
  const { email, raw } = parsed;
  const mail = readInboundMail(email, { envelopeFrom: message.from, hasPlainPart: email.html === undefined || hasPlainTextPart(raw) });

  const loop = loopReason({ header: firstHeader(email), messageId: email.messageId, fromAddress: mail.from?.address, emailDomain: env.EMAIL_DOMAIN });
  if (loop) return { kind: 'dropped', reason: loop };
  if (!mail.from) return { kind: 'rejected', reason: 'The message has no valid From address.' };

  const outcome = await fileMail(
    { env, waitUntil: (p) => ctx.waitUntil(p), tenant, db: tenantDb(env, tenant), requestId },
    { ...mail, from: mail.from },
  );
  return outcome.kind === 'refused' ? { kind: 'rejected', reason: outcome.reason } : outcome;
}

/** Handles one inbound message: files it, rejects it with a reason, or drops it; and logs which. */
export async function receiveEmail(message: InboundMessage, env: Env, ctx: ExecutionContext): Promise<InboundOutcome> {
  const requestId = `email-${crypto.randomUUID()}`;
  const outcome = await receive(message, env, ctx, requestId);
  if (outcome.kind === 'rejected') message.setReject(outcome.reason);
  console.log(JSON.stringify({ level: 'info', event: 'email.received', requestId, to: message.to, size: message.rawSize, ...outcome }));
  return outcome;
}

import type { Email } from 'postal-mime';
import { htmlToText } from './html-to-text';
import { bare, referencedMessageIds } from './message-id';

// A parsed message (postal-mime) reduced to what a ticket needs, within the
// limits the API holds every ticket to (worker/routes/tickets/tickets.schemas.ts).

export const SUBJECT_MAX = 300;
export const BODY_MAX = 50_000;
export const NAME_MAX = 100;

export interface InboundMail {
  /** Without brackets; a message without one gets a generated id so it can still be deduplicated per delivery. */
  messageId: string;
  from: { address: string; name: string } | null;
  subject: string;
  text: string;
  /** Ids this message answers, most relevant first. */
  references: string[];
  /** `[#123]` in the subject: the ticket a reply names when its headers were lost. */
  ticketNumber: number | null;
  attachments: InboundFile[];
}

/** A file the message carried (attachments, and inline parts such as pasted screenshots). */
export interface InboundFile {
  filename: string | null;
  mimeType: string;
  content: Uint8Array;
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/** Text a ticket may hold: no control characters (tabs and newlines kept), well-formed, trimmed, capped. */
function clean(text: string, max: number, multiline: boolean): string {
  const kept = text.toWellFormed().replace(/\r\n?/g, '\n').replace(CONTROL, '');
  const flat = multiline ? kept.replace(/[ \t]+\n/g, '\n') : kept.replace(/\s+/g, ' ');
  const trimmed = flat.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1).trimEnd()}…` : trimmed;
}

function sender(email: Email, envelopeFrom: string): InboundMail['from'] {
  const from = email.from && !email.from.group ? email.from : null;
  const address = (from?.address || envelopeFrom).trim().toLowerCase();
  if (!ADDRESS.test(address) || address.length > 254) return null;
  const name = clean(from?.name ?? '', NAME_MAX, false) || (address.split('@')[0] as string);
  return { address, name };
}

/** `[#123]` anywhere in the subject (the form our notifications put there). */
export function ticketNumberIn(subject: string): number | null {
  const match = /\[#(\d{1,15})\]/.exec(subject);
  return match ? Number(match[1]) : null;
}

/**
 * The body as text: the sender's plain-text part when there is one, else the
 * HTML converted here. postal-mime fills `text` from the HTML itself when a
 * message has no plain part, but keeps `<style>` blocks and source line breaks;
 * `hasPlainPart` says whether the message really had one.
 */
function bodyText(email: Email, hasPlainPart: boolean): string {
  if (email.html !== undefined && !hasPlainPart) return htmlToText(email.html);
  return email.text ?? '';
}

export interface ReadOptions {
  envelopeFrom: string;
  /** Whether any part of the raw message is `text/plain` (see `hasPlainTextPart`). */
  hasPlainPart: boolean;
}

export function readInboundMail(email: Email, options: ReadOptions): InboundMail {
  const subject = clean(email.subject ?? '', SUBJECT_MAX, false) || '(no subject)';
  return {
    messageId: email.messageId ? bare(email.messageId).toLowerCase() : `generated.${crypto.randomUUID()}@invalid`,
    from: sender(email, options.envelopeFrom),
    subject,
    text: clean(bodyText(email, options.hasPlainPart), BODY_MAX, true) || '(no text)',
    references: referencedMessageIds(email.inReplyTo, email.references).map((id) => id.toLowerCase()),
    ticketNumber: ticketNumberIn(subject),
    attachments: email.attachments.map((a) => ({
      filename: a.filename,
      mimeType: a.mimeType,
      content: typeof a.content === 'string' ? new TextEncoder().encode(a.content) : new Uint8Array(a.content),
    })),
  };
}

/** Whether a raw message has a `text/plain` part (a header line naming it, in the message or any part). */
export function hasPlainTextPart(raw: Uint8Array): boolean {
  // latin1 maps each byte to one character, so headers read right whatever the body's charset.
  return /^content-type:[ \t]*text\/plain\b/im.test(new TextDecoder('latin1').decode(raw));
}

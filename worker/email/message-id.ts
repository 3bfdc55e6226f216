// Message-IDs: the one place that says what OUR outgoing Message-IDs look like
// (every e-mail we send, whichever channel sends it, takes its Message-ID from
// `ownMessageId`), and how the ids a reply names are read back.
//
// Ours: `wnp.<tenant slug>.t<ticket id>.<unique>@<EMAIL_DOMAIN>`. The tenant and
// ticket are in the id itself, so a reply threads even when the sent message
// was never stored, and mail that comes back to us with one of our own ids as
// ITS Message-ID is a loop (an auto-forward, a bounce) and is dropped.

const OWN_ID = /^wnp\.([a-z0-9-]+)\.t(\d{1,15})\.([a-z0-9-]+)@(.+)$/;

export interface OwnMessageIdParts {
  tenantSlug: string;
  ticketId: number;
  /**
   * What makes the id unique: random by default; a sender may pass something
   * deterministic (a notification's idempotency key hash) so that a retried
   * delivery carries the same Message-ID. Letters, digits and `-` only.
   */
  unique?: string;
}

/** Our Message-ID for a message about `ticketId`, without angle brackets. */
export function ownMessageId(parts: OwnMessageIdParts, emailDomain: string): string {
  const unique = (parts.unique ?? crypto.randomUUID()).toLowerCase().replace(/[^a-z0-9-]/g, '');
  if (unique === '') throw new Error('a Message-ID needs a non-empty unique part');
  return `wnp.${parts.tenantSlug}.t${parts.ticketId}.${unique}@${emailDomain.toLowerCase()}`;
}

/** The header form: `<id>`. */
export const messageIdHeader = (id: string): string => `<${id}>`;

/** The tenant and ticket of one of our Message-IDs (brackets optional), or null for anyone else's. */
export function parseOwnMessageId(id: string, emailDomain: string): { tenantSlug: string; ticketId: number } | null {
  const match = OWN_ID.exec(bare(id).toLowerCase());
  if (!match || match[4] !== emailDomain.toLowerCase()) return null;
  return { tenantSlug: match[1] as string, ticketId: Number(match[2]) };
}

/** A Message-ID as stored: no angle brackets, no surrounding space. */
export function bare(id: string): string {
  return id.trim().replace(/^<|>$/g, '').trim();
}

/**
 * The ids a reply refers to, most relevant first: In-Reply-To, then References
 * from the newest (last) back to the thread's start. Duplicates are dropped and
 * the list is capped, since it ends up in one query parameter.
 */
export function referencedMessageIds(inReplyTo: string | undefined, references: string | undefined, max = 50): string[] {
  const ids = [...idsIn(inReplyTo), ...idsIn(references).reverse()];
  return [...new Set(ids)].slice(0, max);
}

function idsIn(header: string | undefined): string[] {
  if (!header) return [];
  const bracketed = [...header.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] as string);
  // Some clients drop the brackets of a lone id.
  if (bracketed.length === 0 && /^[^<>\s]+@[^<>\s]+$/.test(header.trim())) return [header.trim()];
  return bracketed;
}

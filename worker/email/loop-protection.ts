import { parseOwnMessageId } from './message-id';

// Mail we must not turn into tickets, and must not answer: auto-replies
// (RFC 3834), bulk and list mail, and our own messages coming back. Answering
// any of them is how two robots end up mailing each other forever.

export type LoopReason = 'auto-submitted' | 'precedence' | 'mailing-list' | 'auto-reply' | 'own-message' | 'own-address';

export interface LoopCheckInput {
  /** Header name (any case) → value. */
  header: (name: string) => string | undefined;
  messageId: string | undefined;
  fromAddress: string | undefined;
  emailDomain: string;
}

/** Why the message is machine mail we drop without a reply, or null for mail from a person. */
export function loopReason({ header, messageId, fromAddress, emailDomain }: LoopCheckInput): LoopReason | null {
  const autoSubmitted = header('auto-submitted')?.trim().toLowerCase();
  if (autoSubmitted !== undefined && autoSubmitted !== '' && !autoSubmitted.startsWith('no')) return 'auto-submitted';
  const precedence = header('precedence')?.trim().toLowerCase();
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') return 'precedence';
  if (header('list-id') !== undefined) return 'mailing-list';
  // Not in RFC 3834, but what Exchange and several autoresponders send instead.
  if (header('x-autoreply') !== undefined || header('x-autorespond') !== undefined) return 'auto-reply';
  if (messageId !== undefined && parseOwnMessageId(messageId, emailDomain) !== null) return 'own-message';
  if (fromAddress !== undefined && fromAddress.toLowerCase().endsWith(`@${emailDomain.toLowerCase()}`)) return 'own-address';
  return null;
}

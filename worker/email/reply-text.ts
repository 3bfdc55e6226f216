// A reply by mail carries the whole conversation quoted below (or above) the
// new words. Kept as is, every comment would repeat the ticket's history; so
// the quoted part is cut where the mail client marks its start.

/**
 * A line our outgoing mail may put above the quoted history; everything from
 * it on is cut. The notification templates can use it (any language: only this
 * exact text is looked for).
 */
export const REPLY_ABOVE_MARKER = '##- Reply above this line -##';

const HISTORY_STARTS: readonly RegExp[] = [
  // Gmail, Apple Mail, Thunderbird: "On Tue, 3 Mar 2026 at 10:00, Ann <a@x> wrote:" (sometimes wrapped on two lines).
  /^On\b[^\n]{0,300}\bwrote:\s*$/im,
  /^On\b[^\n]{0,200}\n[^\n]{0,200}\bwrote:\s*$/im,
  // Russian clients: "3 марта 2026 г., в 10:00, Анна <a@x> написал(а):".
  /^[^\n]{0,300}\sнаписал(?:а|\(а\))?:\s*$/im,
  // Outlook: a rule or "Original Message", then the quoted headers.
  /^-{2,}\s*(?:Original Message|Исходное сообщение)\s*-{2,}\s*$/im,
  /^_{10,}\s*\n(?:From|От):/im,
  /^(?:From|От): [^\n]+\n(?:Sent|Отправлено): /im,
];

/** The new part of a reply: text above the quoted history; the whole text when nothing new is left. */
export function withoutQuotedHistory(text: string): string {
  let end = text.indexOf(REPLY_ABOVE_MARKER);
  if (end < 0) end = text.length;
  for (const start of HISTORY_STARTS) {
    const match = start.exec(text.slice(0, end));
    if (match) end = match.index;
  }
  const lines = text.slice(0, end).split('\n');
  // A bottom-posted client quotes with "> " and nothing after it.
  while (lines.length > 0 && /^\s*(?:>.*)?$/.test(lines.at(-1) as string)) lines.pop();
  const kept = lines.join('\n').trim();
  return kept === '' ? text : kept;
}

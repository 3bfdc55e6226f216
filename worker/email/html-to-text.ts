// HTML-only mail → plain text for a ticket or comment. The result is TEXT: it
// is escaped again when shown (worker/tickets/comment-html.ts), so no markup
// of the sender's can reach an agent's browser whatever this leaves in. What
// this does is keep the reading order and the line structure, and drop what a
// reader never sees (head, style, script, comments).

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  laquo: '«',
  raquo: '»',
  hellip: '…',
  copy: '©',
  reg: '®',
  euro: '€',
  bull: '•',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      // Out of range, a surrogate, or a control character: not something to put in a ticket.
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || (code < 0x20 && code !== 0x0a && code !== 0x09)) return ' ';
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const BLOCK = /<\/?(?:p|div|h[1-6]|table|tr|ul|ol|blockquote|pre|section|article|header|footer)\b[^>]*>/gi;

/** The text a reader of this HTML sees, with paragraphs as blank lines and links as `text (url)`. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<(head|style|script|title|template)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ')
    // In HTML a run of source whitespace is one space; only tags make lines.
    .replace(/\s+/g, ' ')
    .replace(/<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>([\s\S]*?)<\/a\s*>/gi, (_m, d, s, u, inner: string) => {
      const href = decodeEntities(String(d ?? s ?? u ?? '')).trim();
      const label = inner.replace(/<[^>]*>/g, '').trim();
      const shown = /^(https?:|mailto:)/i.test(href) && href.replace(/^mailto:/i, '') !== decodeEntities(label) ? ` (${href})` : '';
      return `${inner}${shown}`;
    })
    .replace(/<br\b[^>]*>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<\/(?:td|th)\s*>/gi, '\t')
    .replace(BLOCK, '\n\n')
    .replace(/<hr\b[^>]*>/gi, '\n\n---\n\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

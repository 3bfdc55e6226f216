// Highlighted snippets are HTML the client may insert as is, so they are built
// in this order: FTS5 marks the matches with two control characters that no
// stored text can contain (every text field refuses control characters), the
// whole text is HTML-escaped, and only then are the marks turned into <mark>.

/** What the SQL passes to snippet()/highlight() as the opening and closing mark. */
export const MARK_OPEN = '\u0002';
export const MARK_CLOSE = '\u0003';
/** Joins two marked texts read in one lookup (a title and a passage); as unstorable as the marks. */
export const FIELD_SEPARATOR = '\u0001';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (ch) => ESCAPES[ch] as string);

/** FTS5 snippet text → safe HTML with <mark> around the matches. */
export function snippetHtml(marked: string): string {
  return escapeHtml(marked)
    .replace(/\u0002([^\u0002\u0003]*)\u0003/g, '<mark>$1</mark>')
    .replace(/[\u0002\u0003]/g, '');
}

/** The start of a text as a plain (unmarked) snippet, when no part of it matched. */
export function leadHtml(text: string, maxChars = 160): string {
  const lead = text.length > maxChars ? `${text.slice(0, maxChars).replace(/\s+\S*$/, '')}…` : text;
  return escapeHtml(lead.replace(/[\u0002\u0003]/g, ''));
}

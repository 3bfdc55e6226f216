import * as Y from 'yjs';
import { escapeHtml } from '../worker/tickets/comment-html';

// A draft (the Yjs XML tree that y-prosemirror keeps in sync with the editor)
// rendered on the server into the HTML a comment stores, and its plain text.
//
// Nothing from the tree reaches the HTML as markup: the output is built from
// an allowlist of the editor schema's nodes and marks (prosemirror-schema-basic
// plus lists; Tiptap's StarterKit names are accepted as aliases), text is
// escaped, the only attributes written are ones computed here (a heading's
// level, a list's start, a link's checked href and its rel). Unknown nodes are
// dropped with their content; unknown marks are ignored.

type BlockTag = 'p' | 'h' | 'blockquote' | 'pre' | 'ul' | 'ol' | 'li' | 'br' | 'hr';

const NODES: Readonly<Record<string, BlockTag>> = {
  paragraph: 'p',
  heading: 'h',
  blockquote: 'blockquote',
  code_block: 'pre',
  codeBlock: 'pre',
  bullet_list: 'ul',
  bulletList: 'ul',
  ordered_list: 'ol',
  orderedList: 'ol',
  list_item: 'li',
  listItem: 'li',
  hard_break: 'br',
  hardBreak: 'br',
  horizontal_rule: 'hr',
  horizontalRule: 'hr',
};

type Mark = 'link' | 'strong' | 'em' | 'code';

const MARKS: Readonly<Record<string, Mark>> = {
  link: 'link',
  strong: 'strong',
  bold: 'strong',
  em: 'em',
  italic: 'em',
  code: 'code',
};

/** Outermost first, so the same marks always nest the same way. */
const MARK_ORDER: readonly Mark[] = ['link', 'strong', 'em', 'code'];

/** Deeper trees are not something an editor makes; they are dropped rather than recursed into. */
export const MAX_DEPTH = 24;

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** An absolute http, https or mailto URL, normalised; anything else (javascript:, data:, relative) is null. */
export function safeHref(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
}

const integerAttr = (value: unknown, min: number, max: number): number | null => {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max ? n : null;
};

interface Run {
  text: string;
  marks: Map<Mark, string | null>;
}

/** The text runs of an XmlText with the marks this schema knows (y-prosemirror may suffix mark names with `--<hash>`). */
function runsOf(text: Y.XmlText): Run[] {
  const runs: Run[] = [];
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== 'string') continue;
    const marks = new Map<Mark, string | null>();
    for (const [key, value] of Object.entries(op.attributes ?? {})) {
      const mark = MARKS[key.split('--')[0] ?? ''];
      if (!mark || value === null || value === false || value === undefined) continue;
      if (mark === 'link') {
        const href = safeHref((value as { href?: unknown }).href);
        if (href) marks.set('link', href);
      } else {
        marks.set(mark, null);
      }
    }
    runs.push({ text: op.insert, marks });
  }
  return runs;
}

function runHtml(run: Run, withMarks: boolean): string {
  let html = escapeHtml(run.text);
  if (!withMarks) return html;
  for (const mark of [...MARK_ORDER].reverse()) {
    if (!run.marks.has(mark)) continue;
    html =
      mark === 'link'
        ? `<a href="${escapeHtml(run.marks.get('link') ?? '')}" rel="noopener noreferrer">${html}</a>`
        : `<${mark}>${html}</${mark}>`;
  }
  return html;
}

function openTag(tag: BlockTag, element: Y.XmlElement): string {
  if (tag === 'h') return `<h${integerAttr(element.getAttribute('level'), 1, 6) ?? 1}>`;
  if (tag === 'ol') {
    const start = integerAttr(element.getAttribute('order') ?? element.getAttribute('start'), 0, 1_000_000);
    return start !== null && start !== 1 ? `<ol start="${start}">` : '<ol>';
  }
  if (tag === 'pre') return '<pre><code>';
  return `<${tag}>`;
}

function closeTag(tag: BlockTag, element: Y.XmlElement): string {
  if (tag === 'h') return `</h${integerAttr(element.getAttribute('level'), 1, 6) ?? 1}>`;
  if (tag === 'pre') return '</code></pre>';
  return `</${tag}>`;
}

function childrenHtml(parent: Y.XmlFragment | Y.XmlElement, depth: number, inCode: boolean): string {
  let html = '';
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const run of runsOf(child)) html += runHtml(run, !inCode);
    } else if (child instanceof Y.XmlElement && depth < MAX_DEPTH) {
      const tag = NODES[child.nodeName];
      if (!tag) continue;
      if (tag === 'br' || tag === 'hr') html += `<${tag}>`;
      else html += openTag(tag, child) + childrenHtml(child, depth + 1, inCode || tag === 'pre') + closeTag(tag, child);
    }
  }
  return html;
}

/** The inline text of a node: its runs, with hard breaks as line breaks. */
function inlineText(parent: Y.XmlFragment | Y.XmlElement, depth: number): string {
  let text = '';
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) text += runsOf(child).map((r) => r.text).join('');
    else if (child instanceof Y.XmlElement && depth < MAX_DEPTH && NODES[child.nodeName] === 'br') text += '\n';
    else if (child instanceof Y.XmlElement && depth < MAX_DEPTH && NODES[child.nodeName]) text += inlineText(child, depth + 1);
  }
  return text;
}

const indent = (text: string, first: string, rest: string): string =>
  text
    .split('\n')
    .map((line, i) => (i === 0 ? first : rest) + line)
    .join('\n');

/** Plain text of a list of blocks: paragraphs apart by a blank line, list items by one line. */
function blocksText(parent: Y.XmlFragment | Y.XmlElement, depth: number, separator: string): string {
  const blocks: string[] = [];
  // Text sitting directly in a container (not an editor's doing, but possible) reads as a block of its own.
  let loose = '';
  const flush = () => {
    if (loose !== '') blocks.push(loose);
    loose = '';
  };
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      loose += runsOf(child).map((r) => r.text).join('');
      continue;
    }
    if (!(child instanceof Y.XmlElement) || depth >= MAX_DEPTH) continue;
    const tag = NODES[child.nodeName];
    if (tag === 'br') {
      loose += '\n';
      continue;
    }
    flush();
    if (tag === 'hr') blocks.push('---');
    else if (tag === 'blockquote') blocks.push(indent(blocksText(child, depth + 1, '\n\n'), '> ', '> '));
    else if (tag === 'ul' || tag === 'ol') blocks.push(listText(child, tag, depth + 1));
    else if (tag === 'li') blocks.push(blocksText(child, depth + 1, '\n'));
    else if (tag) blocks.push(inlineText(child, depth + 1));
  }
  flush();
  return blocks.join(separator);
}

function listText(list: Y.XmlElement, tag: 'ul' | 'ol', depth: number): string {
  const start = tag === 'ol' ? (integerAttr(list.getAttribute('order') ?? list.getAttribute('start'), 0, 1_000_000) ?? 1) : 0;
  const items = list.toArray().filter((item): item is Y.XmlElement => item instanceof Y.XmlElement && NODES[item.nodeName] === 'li');
  return items
    .map((item, i) => {
      const bullet = tag === 'ul' ? '- ' : `${start + i}. `;
      return indent(blocksText(item, depth + 1, '\n'), bullet, ' '.repeat(bullet.length));
    })
    .join('\n');
}

export interface RenderedDraft {
  html: string;
  text: string;
  /** No visible text: nothing worth sending. */
  empty: boolean;
}

/** The draft as sanitised HTML and plain text. */
export function renderDraft(fragment: Y.XmlFragment): RenderedDraft {
  const html = childrenHtml(fragment, 0, false);
  const text = blocksText(fragment, 0, '\n\n').trim();
  return { html, text, empty: text === '' };
}

// Article HTML comes from Markdown, and Markdown lets a writer type raw HTML, so
// everything marked produces passes an allowlist before it is stored. The
// parser is the runtime's own HTMLRewriter (lol-html): a real HTML tokenizer,
// so what it sees as an element is what a browser will see.

/** Elements kept, with the attributes each may carry. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  p: [], br: [], hr: [], div: [], span: [],
  h1: [], h2: [], h3: [], h4: [], h5: [], h6: [],
  strong: [], b: [], em: [], i: [], del: [], s: [], sup: [], sub: [], kbd: [], mark: [],
  code: ['class'], pre: [], blockquote: [],
  ul: [], ol: ['start'], li: [], dl: [], dt: [], dd: [],
  a: ['href', 'title'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  table: [], thead: [], tbody: [], tr: [], th: ['align', 'colspan', 'rowspan'], td: ['align', 'colspan', 'rowspan'],
  input: ['type', 'checked', 'disabled'],
};

/**
 * Elements dropped WITH their content. Raw-text elements must be among them:
 * their content is unparsed text, and unwrapping it would turn `<textarea><img
 * onerror=…></textarea>` into a live tag. Foreign content (svg, math) parses by
 * other rules and is a classic mutation-XSS path.
 */
const DROPPED_WITH_CONTENT = [
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'noscript', 'noembed', 'noframes',
  'template', 'textarea', 'title', 'xmp', 'plaintext', 'svg', 'math', 'select', 'option', 'head', 'base', 'meta', 'link',
];

/** Where our own files are served (article images, attachments): inline images may point here. */
export const OWN_FILE_PREFIXES = ['/api/v1/kb/images/', '/api/v1/attachments/'] as const;

const URL_ATTRIBUTES = new Set(['href', 'src']);
const CODE_CLASS = /^language-[\w+-]{1,40}$/;
const NUMBER = /^\d{1,5}$/;

/** The entities a scheme can hide behind; any other `&name;` before the scheme ends makes the URL refused. */
function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_m, hex: string) => String.fromCodePoint(Math.min(Number.parseInt(hex, 16), 0x10ffff)))
    .replace(/&#(\d+);?/g, (_m, dec: string) => String.fromCodePoint(Math.min(Number.parseInt(dec, 10), 0x10ffff)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;/gi, '\t')
    .replace(/&newline;/gi, '\n')
    .replace(/&amp;/gi, '&');
}

/**
 * A URL we let through: http(s), mailto (links only) or a relative path. Browsers
 * ignore tabs, newlines and leading controls inside a scheme, so they are removed
 * before looking at it.
 */
export function isAllowedUrl(raw: string, kind: 'link' | 'image'): boolean {
  const url = decodeEntities(raw).replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const end = url.search(/[/?#]/);
  const head = end === -1 ? url : url.slice(0, end);
  if (/&[a-z]/i.test(head)) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(head)?.[1]?.toLowerCase();
  if (kind === 'image') return scheme === 'https' || (scheme === undefined && OWN_FILE_PREFIXES.some((prefix) => url.startsWith(prefix)));
  if (scheme === undefined) return true;
  return scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}

function keepAttribute(tag: string, name: string, value: string): boolean {
  if (!(ALLOWED[tag] ?? []).includes(name)) return false;
  if (URL_ATTRIBUTES.has(name)) return isAllowedUrl(value, tag === 'img' ? 'image' : 'link');
  if (tag === 'code' && name === 'class') return CODE_CLASS.test(value);
  if (name === 'width' || name === 'height' || name === 'start' || name === 'colspan' || name === 'rowspan') return NUMBER.test(value);
  if (name === 'align') return /^(left|right|center)$/.test(value);
  if (tag === 'input' && name === 'type') return value === 'checkbox';
  return true;
}

const sanitiser = (): HTMLRewriter =>
  new HTMLRewriter()
    .on('*', {
      element(element) {
        const tag = element.tagName.toLowerCase();
        if (DROPPED_WITH_CONTENT.includes(tag)) {
          element.remove();
          return;
        }
        if (!(tag in ALLOWED)) {
          element.removeAndKeepContent();
          return;
        }
        for (const [name = '', value = ''] of [...element.attributes]) {
          if (!keepAttribute(tag, name.toLowerCase(), value)) element.removeAttribute(name);
        }
        if (tag === 'input' && element.getAttribute('type') !== 'checkbox') {
          element.remove();
          return;
        }
        if (tag === 'input') element.setAttribute('disabled', '');
        if (tag === 'a') element.setAttribute('rel', 'noopener noreferrer');
      },
    })
    .onDocument({
      comments(comment) {
        comment.remove();
      },
    });

/** HTML → the same HTML with only allowlisted elements, attributes and URLs. */
export async function sanitiseHtml(html: string): Promise<string> {
  return sanitiser().transform(new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } })).text();
}

// The file types an attachment may have, and how each is recognised from its
// first bytes. A declared type the bytes do not bear out is refused: the stored
// type is what a download is served as, so it must be true. No SVG or HTML:
// both can carry script.

/** How many leading bytes the checks need (a text check reads this much). */
export const SNIFF_BYTES = 4096;

interface FileType {
  /** Extensions a filename of this type may end with; the first is appended when it has none of them. */
  extensions: readonly string[];
  /** Whether the file's first bytes (up to SNIFF_BYTES, fewer if the file is shorter) are of this type. */
  matches: (head: Uint8Array) => boolean;
  /** Images may be shown inline (knowledge-base articles). */
  image?: true;
}

const startsWith = (head: Uint8Array, bytes: readonly number[], at = 0): boolean =>
  head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);

const ascii = (s: string): number[] => [...s].map((ch) => ch.charCodeAt(0));

/**
 * Text: UTF-8 (a sequence cut at the end of the sample is fine) without NUL or
 * other control characters than tab, line feed, carriage return and form feed.
 */
function isText(head: Uint8Array): boolean {
  if (head.length === 0) return true;
  let sample = head;
  // Drop a multi-byte sequence the sample cut short, so the decoder judges only whole characters.
  for (let back = 1; back <= 3 && back <= head.length; back++) {
    const byte = head[head.length - back] as number;
    if ((byte & 0xc0) === 0x80) continue;
    const needs = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (needs > back) sample = head.subarray(0, head.length - back);
    break;
  }
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(sample);
  } catch {
    return false;
  }
  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(decoded);
}

/** JSON: text whose first significant character can start a JSON value. */
const isJson = (head: Uint8Array): boolean => {
  if (!isText(head)) return false;
  const first = new TextDecoder().decode(head.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart()[0];
  return first === undefined || /[{["\-0-9tfn]/.test(first);
};

export const FILE_TYPES = {
  'image/png': { extensions: ['png'], image: true, matches: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  'image/jpeg': { extensions: ['jpg', 'jpeg'], image: true, matches: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  'image/gif': { extensions: ['gif'], image: true, matches: (h) => startsWith(h, ascii('GIF87a')) || startsWith(h, ascii('GIF89a')) },
  'image/webp': { extensions: ['webp'], image: true, matches: (h) => startsWith(h, ascii('RIFF')) && startsWith(h, ascii('WEBP'), 8) },
  'application/pdf': { extensions: ['pdf'], matches: (h) => startsWith(h, ascii('%PDF-')) },
  // A local file header, or the end record of an empty archive.
  'application/zip': { extensions: ['zip'], matches: (h) => startsWith(h, [0x50, 0x4b, 0x03, 0x04]) || startsWith(h, [0x50, 0x4b, 0x05, 0x06]) },
  'text/plain': { extensions: ['txt', 'log', 'text', 'md'], matches: isText },
  'text/csv': { extensions: ['csv'], matches: isText },
  'application/json': { extensions: ['json'], matches: isJson },
} as const satisfies Record<string, FileType>;

export type AllowedContentType = keyof typeof FILE_TYPES;
export const ALLOWED_CONTENT_TYPES = Object.keys(FILE_TYPES) as AllowedContentType[];

/** The allowlisted type a `Content-Type` header names (parameters and case ignored), or null. */
export function allowedContentType(header: string | null | undefined): AllowedContentType | null {
  const essence = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return essence in FILE_TYPES ? (essence as AllowedContentType) : null;
}

/** Whether the first bytes of a file are of the declared type. */
export const headMatchesType = (type: AllowedContentType, head: Uint8Array): boolean => FILE_TYPES[type].matches(head);

export const isImageType = (type: string): boolean => {
  const known = allowedContentType(type);
  return known !== null && 'image' in FILE_TYPES[known];
};

export const extensionsOf = (type: AllowedContentType): readonly string[] => FILE_TYPES[type].extensions;

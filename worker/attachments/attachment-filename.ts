import { extensionsOf, type AllowedContentType } from './attachment-types';

// Filenames come from users and mail clients: they are shown in the UI and sent
// back in Content-Disposition, so they must not carry paths, control characters,
// bidi tricks or header syntax, and must end in an extension of their type (so
// a file saved from a download opens as what it was checked to be).

export const MAX_FILENAME_LENGTH = 180;

// C0/C1 controls, bidi overrides and isolates, zero-width characters, and
// characters that are reserved in filenames on some system or in the header.
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF<>:"/\\|?*]/g;

/**
 * A safe display and download name for a file of `type`: the last path segment,
 * unsafe characters replaced by `_`, no leading dots, at most
 * MAX_FILENAME_LENGTH characters, ending in one of the type's extensions.
 */
export function sanitiseFilename(raw: string, type: AllowedContentType): string {
  const lastSegment = raw.split(/[/\\]/).pop() ?? '';
  let name = lastSegment
    .normalize('NFC')
    .replace(/\p{Cs}/gu, '')
    .replace(UNSAFE, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const extensions = extensionsOf(type);
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const keepsExtension = extensions.includes(extension);
  const suffix = keepsExtension ? name.slice(dot) : `.${extensions[0]}`;
  if (keepsExtension) name = name.slice(0, dot);
  if (name === '') name = 'file';
  const room = MAX_FILENAME_LENGTH - suffix.length;
  // Cut by code points, so a surrogate pair is never split.
  const base = [...name].slice(0, room).join('').trimEnd();
  return `${base}${suffix}`;
}

/** RFC 5987 `ext-value` encoding: UTF-8, percent-encoding everything but attr-chars. */
const encodeRfc5987 = (value: string): string =>
  encodeURIComponent(value).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `Content-Disposition` for a stored filename (RFC 6266): an ASCII fallback for
 * old clients and the exact name as `filename*`.
 */
export function contentDisposition(kind: 'attachment' | 'inline', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}

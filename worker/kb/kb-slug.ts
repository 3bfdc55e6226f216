// Slugs name an article in its URL, unique per locale. Russian articles get
// Russian slugs: lowercase letters of any script, digits, single hyphens.

export const SLUG_MAX = 120;
export const KB_SLUG = /^[\p{Ll}\p{Lo}\p{Nd}]+(?:-[\p{Ll}\p{Lo}\p{Nd}]+)*$/u;

/** A slug made from a title: lowercase, every run of other characters one hyphen. */
export function slugFromTitle(title: string): string {
  const slug = title
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{Ll}\p{Lo}\p{Nd}]+/gu, '-')
    .slice(0, SLUG_MAX)
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'article' : slug;
}

import { z } from '@hono/zod-openapi';

// What a tag may be called: short, lowercase, and safe to put in a URL or a
// filter without quoting. Cyrillic letters are welcome (Russian-speaking teams
// tag in Russian); capitals are refused rather than folded, so a name is stored
// exactly as it was sent.

const TAG_NAME = /^[a-z0-9_\-[\p{Script=Cyrillic}&&\p{Ll}]]{1,50}$/v;

// A refinement rather than `.regex()`: the pattern needs the `v` flag, which an
// OpenAPI `pattern` cannot carry, so the rule is documented in words instead.
export const tagName = z
  .string()
  .max(50, 'must be at most 50 characters')
  .refine((name) => TAG_NAME.test(name), 'must be 1–50 lowercase letters (Latin or Cyrillic), digits, - or _')
  .openapi({ description: '1–50 lowercase Latin or Cyrillic letters, digits, `-` or `_`', example: 'billing' });

export const tagColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour as #rrggbb')
  .transform((c) => c.toLowerCase())
  .openapi({ type: 'string', example: '#3b82f6' });

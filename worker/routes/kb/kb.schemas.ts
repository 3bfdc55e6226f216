import { z } from '@hono/zod-openapi';
import { KB_LOCALES, KB_STATUSES, KB_VISIBILITIES } from '../../db/tenant/kb';
import { idParam, text } from '../../http/fields';
import { KB_SLUG, SLUG_MAX } from '../../kb/kb-slug';
import { tagName } from '../../tickets/tag-name';

// Request fields shared by the knowledge-base routes.

export const kbSlug = z
  .string()
  .max(SLUG_MAX, `must be at most ${SLUG_MAX} characters`)
  .refine((s) => KB_SLUG.test(s), 'must be lowercase letters (any script) and digits, joined by single hyphens')
  .openapi({ description: 'Lowercase letters (any script) and digits, joined by single hyphens', example: 'printer-offline' });

export const kbLocale = z.enum(KB_LOCALES, { message: 'must be en or ru' });
export const kbStatus = z.enum(KB_STATUSES, { message: 'must be draft, published or archived' });
export const kbVisibility = z.enum(KB_VISIBILITIES, { message: 'must be public or internal' });

export const articleTitle = text({ max: 200 });
export const articleSummary = text({ min: 0, max: 1000, multiline: true });
export const articleBody = text({ min: 0, max: 200_000, multiline: true });
export const articleTags = z.array(tagName).max(20, 'accepts at most 20 tags');

export const pathId = (name: string) => idParam.openapi({ param: { name, in: 'path' }, type: 'integer', example: 3 });
export const IdParams = z.object({ id: pathId('id') });

export const categoryNames = z
  .strictObject({ en: text({ max: 100 }).optional(), ru: text({ max: 100 }).optional() })
  .refine((names) => names.en !== undefined || names.ru !== undefined, 'must name the category in at least one locale')
  .openapi({ example: { en: 'Printing', ru: 'Печать' } });

/** Security of routes that need no sign-in; a session or token widens what is seen. */
export const ANYONE: Record<string, string[]>[] = [{}, { sessionCookie: [] }, { bearer: [] }];

export const SOME_FIELD = [
  (body: object) => Object.keys(body).length > 0,
  { message: 'must change at least one field', when: (payload: { issues: unknown[] }) => payload.issues.length === 0 },
] as const;

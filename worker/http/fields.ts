import { z } from '@hono/zod-openapi';

// Shared field schemas: every string the API accepts goes through `text()`, so
// length limits, control characters and broken Unicode are refused in one place.

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const CONTROL_WITH_NEWLINES = /[\u0000-\u001F\u007F]/;

export function text(options: { min?: number; max: number; multiline?: boolean }) {
  const forbidden = options.multiline ? CONTROL : CONTROL_WITH_NEWLINES;
  return z
    .string()
    .min(options.min ?? 1, options.min === 0 ? undefined : 'must not be empty')
    .max(options.max, `must be at most ${options.max} characters`)
    .refine((s) => s.isWellFormed(), 'must be well-formed Unicode (no lone surrogates)')
    .refine((s) => !forbidden.test(s), 'must not contain control characters');
}

export const email = z
  .string()
  .max(254, 'must be at most 254 characters')
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.email('must be an e-mail address'));

export const password = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters')
  .refine((s) => s.isWellFormed(), 'must be well-formed Unicode');

/** A positive integer id in a path or query (`/tickets/{id}`). */
export const idParam = z.coerce
  .number({ message: 'must be a positive integer' })
  .int('must be a positive integer')
  .positive('must be a positive integer')
  .max(Number.MAX_SAFE_INTEGER, 'is too large');

/** Page size for keyset lists. */
export const limitParam = z.coerce
  .number({ message: 'must be an integer from 1 to 100' })
  .int('must be an integer from 1 to 100')
  .min(1, 'must be an integer from 1 to 100')
  .max(100, 'must be an integer from 1 to 100')
  .default(25);

/** A query parameter that may repeat (`status=open&status=new`) or be comma separated. */
export function repeatable<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).filter((s) => s.length > 0))
    .pipe(z.array(item).max(20, 'accepts at most 20 values'));
}

/** ISO 8601 instant in a query → epoch milliseconds. */
export const instantParam = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date-time')
  .transform((s) => Date.parse(s));

export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

import { z } from '@hono/zod-openapi';

// Keyset pagination cursors: opaque to clients (base64url JSON), checked on the way
// back in, so a forged or truncated cursor is a 400 naming `cursor`, never a 500.

const CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,400}$/;

/** The cursor a client sends back to get the page after `position`. */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

function decode(cursor: string): unknown {
  if (!CURSOR_PATTERN.test(cursor)) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A `cursor` query parameter decoding to a position shaped like `position`. */
export function cursorParam<T extends z.ZodType>(position: T) {
  return z
    .string()
    .transform((cursor, ctx): z.output<T> => {
      const parsed = position.safeParse(decode(cursor));
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: 'is not a cursor this list issued' });
        return z.NEVER;
      }
      return parsed.data;
    })
    .openapi({ type: 'string', description: 'Opaque cursor from `next_cursor` of the previous page.' });
}

/** A keyset position by row id, as most lists page. */
export const idPosition = z.strictObject({ id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

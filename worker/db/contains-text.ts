import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * `column` contains `text`, ignoring ASCII case. instr, not LIKE: D1 refuses LIKE
 * patterns over 50 bytes, and instr has no wildcards to escape.
 */
export function containsText(column: AnyColumn, text: string): SQL {
  return sql`instr(lower(${column}), lower(${text})) > 0`;
}

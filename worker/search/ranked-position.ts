import { z } from '@hono/zod-openapi';

/**
 * Where the next page of a ranked result starts: after (`score`, `id`) in
 * ascending bm25 order (bm25 is negative; lower is better). Keyset, never OFFSET.
 */
export const RankedPosition = z.strictObject({
  score: z.number().finite(),
  id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
export type RankedPosition = z.infer<typeof RankedPosition>;

/** The rows of one page (the query asked for one more than `limit`) and where the next starts. */
export function rankedPage<T extends { id: number; score: number }>(rows: T[], limit: number): { items: T[]; next: RankedPosition | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? { score: last.score, id: last.id } : null };
}

import type { KbCategory } from '$lib/kb/category-nesting';

// Moving categories around, as the API takes it: a reorder names every child
// of one parent in its new order; a move under a new parent may not go into the
// category itself or anything below it.

/** The children of `parentId` (null: the top level), in their order: the API lists the tree depth first, siblings by position. */
export function siblingIds(rows: readonly KbCategory[], parentId: number | null): number[] {
  return rows.filter((row) => row.parent_id === parentId).map((row) => row.id);
}

/** The order with `id` swapped with its neighbour before (-1) or after (+1) it; null when it is already at that end. */
export function swapped(ids: readonly number[], id: number, direction: -1 | 1): number[] | null {
  const at = ids.indexOf(id);
  const to = at + direction;
  if (at < 0 || to < 0 || to >= ids.length) return null;
  const order = [...ids];
  [order[at], order[to]] = [order[to]!, order[at]!];
  return order;
}

/** The categories `id` could move under: all but itself and its descendants. */
export function possibleParents(rows: readonly KbCategory[], id: number): KbCategory[] {
  const excluded = new Set([id]);
  // Depth-first order puts every descendant after its parent, so one pass finds them all.
  for (const row of rows) if (row.parent_id !== null && excluded.has(row.parent_id)) excluded.add(row.id);
  return rows.filter((row) => !excluded.has(row.id));
}

// Categories form a tree through parent_id; siblings are ordered by position.
// Plain functions over the rows, so the ordering and the cycle rule are tested
// without a database.

export interface CategoryNode {
  id: number;
  parentId: number | null;
  position: number;
}

/** The rows in reading order: each parent followed by its children, siblings by (position, id); with each row's depth. */
export function depthFirst<T extends CategoryNode>(rows: readonly T[]): { row: T; depth: number }[] {
  const children = new Map<number | null, T[]>();
  const ids = new Set(rows.map((r) => r.id));
  for (const row of rows) {
    // A parent the caller cannot see (internal, for a customer) hides its subtree.
    const parent = row.parentId !== null && ids.has(row.parentId) ? row.parentId : row.parentId === null ? null : undefined;
    if (parent === undefined) continue;
    const list = children.get(parent) ?? [];
    list.push(row);
    children.set(parent, list);
  }
  const ordered: { row: T; depth: number }[] = [];
  const visit = (parent: number | null, depth: number) => {
    const list = (children.get(parent) ?? []).sort((a, b) => a.position - b.position || a.id - b.id);
    for (const row of list) {
      ordered.push({ row, depth });
      visit(row.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

/** Whether moving `id` under `newParentId` would make it its own ancestor. */
export function wouldCycle(rows: readonly CategoryNode[], id: number, newParentId: number | null): boolean {
  const parentOf = new Map(rows.map((r) => [r.id, r.parentId]));
  for (let at = newParentId, steps = 0; at !== null && steps <= rows.length; at = parentOf.get(at) ?? null, steps++) {
    if (at === id) return true;
  }
  return false;
}

/** The depth a category would have under `parentId` (0 at the top). */
export function depthUnder(rows: readonly CategoryNode[], parentId: number | null): number {
  const parentOf = new Map(rows.map((r) => [r.id, r.parentId]));
  let depth = 0;
  for (let at = parentId; at !== null && depth <= rows.length; at = parentOf.get(at) ?? null) depth++;
  return depth;
}

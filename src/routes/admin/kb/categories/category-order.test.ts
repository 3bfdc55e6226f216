import { describe, expect, it } from 'vitest';
import type { KbCategory } from '$lib/kb/category-nesting';
import { possibleParents, siblingIds, swapped } from './category-order';

const row = (id: number, parent_id: number | null, depth: number): KbCategory => ({
  id,
  parent_id,
  depth,
  position: id,
  slug: `c${id}`,
  names: { en: `C${id}` },
  visibility: 'public',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
});

// 1 ─ 2 ─ 3
//   └ 4
// 5
const TREE = [row(1, null, 0), row(2, 1, 1), row(3, 2, 2), row(4, 1, 1), row(5, null, 0)];

describe('ordering and nesting categories', () => {
  it('finds the siblings of a parent in their order', () => {
    expect(siblingIds(TREE, null)).toEqual([1, 5]);
    expect(siblingIds(TREE, 1)).toEqual([2, 4]);
  });

  it('swaps a category with its neighbour, and refuses past either end', () => {
    expect(swapped([2, 4, 6], 4, -1)).toEqual([4, 2, 6]);
    expect(swapped([2, 4, 6], 4, 1)).toEqual([2, 6, 4]);
    expect(swapped([2, 4, 6], 2, -1)).toBeNull();
    expect(swapped([2, 4, 6], 6, 1)).toBeNull();
    expect(swapped([2, 4, 6], 9, 1)).toBeNull();
  });

  it('never offers a category itself or its descendants as its new parent', () => {
    expect(possibleParents(TREE, 1).map((c) => c.id)).toEqual([5]);
    expect(possibleParents(TREE, 2).map((c) => c.id)).toEqual([1, 4, 5]);
    expect(possibleParents(TREE, 5).map((c) => c.id)).toEqual([1, 2, 3, 4]);
  });
});

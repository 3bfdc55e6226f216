import { describe, expect, it } from 'vitest';
import { depthFirst, depthUnder, wouldCycle } from './category-tree';

const rows = [
  { id: 1, parentId: null, position: 2 },
  { id: 2, parentId: null, position: 1 },
  { id: 3, parentId: 1, position: 1 },
  { id: 4, parentId: 1, position: 0 },
  { id: 5, parentId: 4, position: 0 },
];

describe('depthFirst', () => {
  it('puts each parent before its children, siblings by position', () => {
    expect(depthFirst(rows).map(({ row, depth }) => [row.id, depth])).toEqual([
      [2, 0],
      [1, 0],
      [4, 1],
      [5, 2],
      [3, 1],
    ]);
  });

  it('hides the subtree of a parent that is not in the rows', () => {
    expect(depthFirst(rows.filter((r) => r.id !== 4)).map(({ row }) => row.id)).toEqual([2, 1, 3]);
  });

  it('breaks position ties by id', () => {
    const tied = [
      { id: 9, parentId: null, position: 0 },
      { id: 7, parentId: null, position: 0 },
    ];
    expect(depthFirst(tied).map(({ row }) => row.id)).toEqual([7, 9]);
  });
});

describe('wouldCycle', () => {
  it('refuses moving a category under itself or its descendants', () => {
    expect(wouldCycle(rows, 1, 1)).toBe(true);
    expect(wouldCycle(rows, 1, 5)).toBe(true);
    expect(wouldCycle(rows, 4, 5)).toBe(true);
  });

  it('allows moves elsewhere', () => {
    expect(wouldCycle(rows, 4, 2)).toBe(false);
    expect(wouldCycle(rows, 5, null)).toBe(false);
  });
});

describe('depthUnder', () => {
  it('counts the ancestors a new child would have', () => {
    expect(depthUnder(rows, null)).toBe(0);
    expect(depthUnder(rows, 1)).toBe(1);
    expect(depthUnder(rows, 5)).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import { TurnBatch } from './turn-batch';

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('TurnBatch', () => {
  it('hands over one turn’s items together on the next turn', async () => {
    const delivered: number[][] = [];
    const batch = new TurnBatch<number>(64, (items) => delivered.push(items));
    batch.add(1);
    batch.add(2);
    expect([delivered, batch.size]).toEqual([[], 2]);
    await nextTurn();
    expect([delivered, batch.size]).toEqual([[[1, 2]], 0]);
  });

  it('hands over at once when the most it holds have gathered, and at once on flush()', async () => {
    const delivered: number[][] = [];
    const batch = new TurnBatch<number>(3, (items) => delivered.push(items));
    for (const n of [1, 2, 3, 4]) batch.add(n);
    expect(delivered).toEqual([[1, 2, 3]]);
    batch.flush();
    expect(delivered).toEqual([[1, 2, 3], [4]]);
    batch.flush();
    await nextTurn();
    expect(delivered).toEqual([[1, 2, 3], [4]]);
  });
});

import { describe, expect, it } from 'vitest';
import { cursorParam, encodeCursor, idPosition } from './cursor';

describe('keyset cursors', () => {
  const param = cursorParam(idPosition);

  it('give back the position they were made from', () => {
    expect(param.parse(encodeCursor({ id: 42 }))).toEqual({ id: 42 });
  });

  it('are opaque URL-safe text', () => {
    expect(encodeCursor({ id: 9_007_199_254_740_991 })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuse anything this list did not issue', () => {
    for (const forged of ['', 'not base64!', encodeCursor({ id: -1 }), encodeCursor({ id: '1' }), encodeCursor({ id: 1, x: 2 }), 'e30', 'eyJpZCI6MX0x', 'a'.repeat(401)]) {
      const result = param.safeParse(forged);
      expect(result.success, forged).toBe(false);
    }
  });
});

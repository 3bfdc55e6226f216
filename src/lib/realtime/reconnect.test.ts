import { describe, expect, it } from 'vitest';
import { SocketClose } from '../../../party/socket-errors';
import { isFinalClose, jitterDelay } from './reconnect';

const backoff = { baseMs: 100, maxMs: 1_000 };

describe('reconnecting', () => {
  it('waits nothing before the first connection', () => {
    expect(jitterDelay(0, backoff, () => 0.99)).toBe(0);
  });

  it('waits a random share of a ceiling that doubles with each attempt, up to the maximum', () => {
    const ceiling = (attempt: number) => jitterDelay(attempt, backoff, () => 0.999_999) + 1;
    expect([1, 2, 3, 4, 5, 6].map(ceiling)).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(jitterDelay(3, backoff, () => 0)).toBe(0);
    expect(jitterDelay(3, backoff, () => 0.5)).toBe(200);
    expect(jitterDelay(10_000, backoff, () => 0.5)).toBe(500);
  });

  it('spreads clients that dropped together over the whole window', () => {
    const delays = Array.from({ length: 1_000 }, () => jitterDelay(4, backoff));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(800);
    expect(new Set(delays.map((d) => Math.floor(d / 100))).size).toBe(8);
  });

  it('stays closed after an ended session, a full draft or a protocol breach, but comes back after a rate limit or a drop', () => {
    expect([SocketClose.sessionRevoked, SocketClose.tooLarge, SocketClose.policy].map(isFinalClose)).toEqual([true, true, true]);
    expect([SocketClose.rateLimited, 1000, 1001, 1006, 1011].map(isFinalClose)).toEqual([false, false, false, false, false]);
  });
});

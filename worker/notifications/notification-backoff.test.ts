import { describe, expect, it } from 'vitest';
import { backoffSeconds } from './notification-backoff';

describe('notification retry backoff', () => {
  it('doubles from 30 seconds and stops growing at an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(backoffSeconds)).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600]);
    expect(backoffSeconds(100)).toBe(3600);
    expect(backoffSeconds(0)).toBe(30);
  });
});

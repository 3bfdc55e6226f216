import { describe, expect, it } from 'vitest';
import { bytesOf, formatSize, megabytesOf, MB } from './storage-size';

describe('storage sizes', () => {
  it('turns the quota field’s megabytes into bytes and back', () => {
    expect(bytesOf('5120')).toBe(5 * 1024 * MB);
    expect(megabytesOf(5 * 1024 * MB)).toBe(5120);
    expect(megabytesOf(MB + 1)).toBe(1);
    expect(bytesOf('lots')).toBeNaN();
  });

  it('shows a size in the largest unit that reads well', () => {
    expect(formatSize(5 * 1024 * MB, 'en')).toBe('5 GB');
    expect(formatSize(25 * MB, 'en')).toBe('25 MB');
    expect(formatSize(1536, 'en')).toBe('1.5 kB');
    expect(formatSize(0, 'en')).toBe('0 kB');
  });
});

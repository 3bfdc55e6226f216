import { describe, expect, it } from 'vitest';
import { KB_SLUG, SLUG_MAX, slugFromTitle } from './kb-slug';

describe('slugFromTitle', () => {
  it('lowercases and hyphenates an English title', () => {
    expect(slugFromTitle('  The Printer is Offline!  (Again) ')).toBe('the-printer-is-offline-again');
  });

  it('keeps Cyrillic letters', () => {
    expect(slugFromTitle('Принтер не печатает')).toBe('принтер-не-печатает');
  });

  it('falls back to "article" when nothing is left', () => {
    expect(slugFromTitle('!!! ???')).toBe('article');
  });

  it('always makes a valid slug, at most SLUG_MAX long', () => {
    for (const title of ['a'.repeat(500), 'x - '.repeat(100), 'Ёжик в тумане', 'DNS: 8.8.8.8 / 1.1.1.1']) {
      const slug = slugFromTitle(title);
      expect(slug.length).toBeLessThanOrEqual(SLUG_MAX);
      expect(slug).toMatch(KB_SLUG);
    }
  });
});

describe('KB_SLUG', () => {
  it('refuses uppercase, spaces, slashes and doubled hyphens', () => {
    for (const bad of ['Printer', 'a b', 'a/b', 'a--b', '-a', 'a-', '']) expect(bad).not.toMatch(KB_SLUG);
  });
});

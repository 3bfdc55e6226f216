import { describe, expect, it } from 'vitest';
import { russianSearchPrefix, stemRussian } from './russian-stemmer';

describe('stemRussian', () => {
  it.each([
    ['печатает', 'печата'],
    ['печатать', 'печата'],
    ['печатают', 'печата'],
    ['принтер', 'принтер'],
    ['принтера', 'принтер'],
    ['принтеры', 'принтер'],
    ['вложение', 'вложен'],
    ['вложения', 'вложен'],
    ['подключиться', 'подключ'],
    ['сломался', 'слома'],
    ['пароль', 'парол'],
    ['пароля', 'парол'],
    ['важнейшие', 'важн'],
    ['ошибки', 'ошибк'],
  ])('stems %s to %s', (word, stem) => {
    expect(stemRussian(word)).toBe(stem);
  });

  it('gives every form of a word the same stem, whatever the case or ё', () => {
    expect(new Set(['Счёт', 'счета', 'счет', 'счёту'].map(stemRussian))).toEqual(new Set(['счет']));
  });

  it('leaves words without a vowel-led ending alone', () => {
    expect(stemRussian('вт')).toBe('вт');
    expect(stemRussian('')).toBe('');
  });
});

describe('russianSearchPrefix', () => {
  it.each([
    ['мерцание', 'мерца'],
    ['подключение', 'подключ'],
    ['вложения', 'влож'],
    ['принтер', 'принтер'],
    ['план', 'план'],
  ])('searches %s as %s*', (word, prefix) => {
    expect(russianSearchPrefix(word)).toBe(prefix);
  });
});

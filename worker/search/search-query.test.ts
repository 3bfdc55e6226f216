import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ftsExpression, parseSearchInput } from './search-query';

const expression = (input: string, mode: 'all' | 'any' = 'all'): string | null => {
  const parsed = parseSearchInput(input);
  return parsed && ftsExpression(parsed, mode);
};

describe('parseSearchInput', () => {
  it('quotes every word and joins them with AND', () => {
    expect(expression('printer offline')).toBe('"printer" AND "offline"');
  });

  it('searches Russian words by their stem as a prefix, and folds ё', () => {
    expect(expression('Принтер не печатает')).toBe('"принтер"* AND "печата"*');
    expect(expression('счёт')).toBe('"счет"*');
  });

  it('keeps our own prefix and phrase syntax', () => {
    expect(expression('print* "paper jam"')).toBe('"paper jam" AND "print"*');
  });

  it('turns FTS5 operators and column filters into plain words or punctuation', () => {
    expect(expression('NEAR(printer offline) -jam subject:x ^y')).toBe('"near" AND "printer" AND "offline" AND "jam" AND "subject" AND "x" AND "y"');
    expect(expression('printer OR scanner')).toBe('"printer" AND "scanner"');
  });

  it('answers null when nothing is searchable', () => {
    for (const input of ['', '"', '***', '- - -', '()', '""']) expect(parseSearchInput(input), input).toBeNull();
  });

  it('keeps stop words when the query has nothing else', () => {
    expect(expression('the or')).toBe('"the" AND "or"');
  });

  it('joins the terms with OR when any may match', () => {
    expect(expression('printer offline', 'any')).toBe('"printer" OR "offline"');
  });

  it('bounds the number of terms', () => {
    expect(parseSearchInput(Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '))?.terms).toHaveLength(12);
  });

  it('only ever emits quoted letters and digits, whatever the input', () => {
    const safe = /^("[\p{L}\p{N}\p{M} ]+"\*?)( (AND|OR) "[\p{L}\p{N}\p{M} ]+"\*?)*$/u;
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (input) => {
        const out = expression(input);
        return out === null || safe.test(out);
      }),
      { numRuns: 500 },
    );
  });
});

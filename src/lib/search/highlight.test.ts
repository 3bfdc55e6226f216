import { describe, expect, it } from 'vitest';
import { highlightSegments } from './highlight';

describe('search highlights', () => {
  it('splits marked matches from the text around them', () => {
    expect(highlightSegments('The <mark>printer</mark> jams')).toEqual([
      { text: 'The ', marked: false },
      { text: 'printer', marked: true },
      { text: ' jams', marked: false },
    ]);
  });

  it('decodes the escaped text, so a page that escapes it again shows it as written', () => {
    expect(highlightSegments('a &lt;b&gt; &amp; <mark>&quot;c&quot;</mark>')).toEqual([
      { text: 'a <b> & ', marked: false },
      { text: '"c"', marked: true },
    ]);
  });

  it('keeps text with no match whole, Russian included', () => {
    expect(highlightSegments('<mark>Печатает</mark> с полосами')).toEqual([
      { text: 'Печатает', marked: true },
      { text: ' с полосами', marked: false },
    ]);
    expect(highlightSegments('nothing here')).toEqual([{ text: 'nothing here', marked: false }]);
  });
});

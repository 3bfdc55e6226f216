import { describe, expect, it } from 'vitest';
import { leadHtml, MARK_CLOSE, MARK_OPEN, snippetHtml } from './snippet-html';

const marked = (s: string): string => `${MARK_OPEN}${s}${MARK_CLOSE}`;

describe('snippetHtml', () => {
  it('escapes the text and marks the matches', () => {
    expect(snippetHtml(`<b>The ${marked('printer')}</b> & "co"`)).toBe('&lt;b&gt;The <mark>printer</mark>&lt;/b&gt; &amp; &quot;co&quot;');
  });

  it('escapes markup inside a match too', () => {
    expect(snippetHtml(marked('<script>'))).toBe('<mark>&lt;script&gt;</mark>');
  });

  it('drops unpaired marks instead of leaving an open <mark>', () => {
    expect(snippetHtml(`a${MARK_OPEN}b`)).toBe('ab');
    expect(snippetHtml(`a${MARK_CLOSE}b${MARK_OPEN}`)).toBe('ab');
  });
});

describe('leadHtml', () => {
  it('cuts long text at a word boundary and escapes it', () => {
    const lead = leadHtml(`<i>${'word '.repeat(100)}`, 20);
    expect(lead).toBe('&lt;i&gt;word word word…');
  });
});

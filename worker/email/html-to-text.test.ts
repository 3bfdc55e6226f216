import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-to-text';

describe('htmlToText', () => {
  it('keeps paragraphs and line breaks, and collapses source whitespace', () => {
    expect(htmlToText('<p>Hello,\n   world</p><p>Line one<br>line two</p>')).toBe('Hello, world\n\nLine one\nline two');
  });

  it('drops what a reader never sees: head, style, script, comments', () => {
    const html =
      '<html><head><title>T</title><style>p{color:red}</style></head><body><!-- hidden --><script>alert(1)</script><style>.x{}</style><div>Visible</div></body></html>';
    expect(htmlToText(html)).toBe('Visible');
  });

  it('decodes entities to text (escaping for display happens later, on the way out)', () => {
    expect(htmlToText('<p>a &lt;b&gt; &amp; &quot;c&quot; &#1055;&#x440;&#1080;&#1074;&#1077;&#1090; &nbsp;&mdash;</p>')).toBe('a <b> & "c" Привет —');
    expect(htmlToText('&#0;&#xD800;x')).toBe('x');
  });

  it('shows where links go, once', () => {
    expect(htmlToText('<a href="https://ex.com/a?b=1&amp;c=2">the docs</a>')).toBe('the docs (https://ex.com/a?b=1&c=2)');
    expect(htmlToText('<a href="https://ex.com">https://ex.com</a>')).toBe('https://ex.com');
    expect(htmlToText('<a href="javascript:alert(1)">click</a>')).toBe('click');
  });

  it('turns lists and tables into lines', () => {
    expect(htmlToText('<ul><li>one</li><li>two</li></ul><table><tr><td>a</td><td>b</td></tr></table>')).toBe('- one\n- two\n\na b');
  });
});

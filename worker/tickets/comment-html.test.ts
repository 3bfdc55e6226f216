import { describe, expect, it } from 'vitest';
import { commentHtml } from './comment-html';

describe('comment HTML', () => {
  it('wraps a single line in one paragraph', () => {
    expect(commentHtml('Thanks, that fixed it.')).toBe('<p>Thanks, that fixed it.</p>');
  });

  it('turns single line breaks into <br> and blank lines into paragraphs', () => {
    expect(commentHtml('Hello,\nline two\n\nSecond paragraph\n\n\n\nThird')).toBe(
      '<p>Hello,<br>line two</p><p>Second paragraph</p><p>Third</p>',
    );
  });

  it('treats Windows line endings and whitespace-only lines like plain ones', () => {
    expect(commentHtml('a\r\nb\r\n \t \r\nc')).toBe('<p>a<br>b</p><p>c</p>');
  });

  it('drops blank lines at the start and the end', () => {
    expect(commentHtml('\n\n  \nbody\n\n')).toBe('<p>body</p>');
    expect(commentHtml('\nfirst\n\n  indented')).toBe('<p>first</p><p>  indented</p>');
  });

  it('escapes every character that could open markup', () => {
    const html = commentHtml(`<script>alert("x")</script> & <img src=x onerror='y'>`);
    expect(html).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=&#39;y&#39;&gt;</p>',
    );
    expect(html).not.toMatch(/<(?!\/?p>|br>)/);
  });

  it('keeps Cyrillic, emoji and right-to-left text as they are', () => {
    expect(commentHtml('Привет 👋🏽\nשלום')).toBe('<p>Привет 👋🏽<br>שלום</p>');
  });
});

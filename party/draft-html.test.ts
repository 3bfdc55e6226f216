import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftDoc, p, type DraftNode } from '../tests/integration/draft-fixtures';
import { renderDraft, safeHref } from './draft-html';

const html = (...nodes: DraftNode[]) => renderDraft(draftDoc(...nodes).reply).html;

describe('rendering a draft to HTML', () => {
  it('renders the editor schema: paragraphs, headings, quotes, code, lists, breaks and rules', () => {
    expect(
      html(
        { el: 'heading', attrs: { level: 2 }, children: [{ text: [['Hello']] }] },
        { el: 'paragraph', children: [{ text: [['one']] }, { el: 'hard_break' }, { text: [['two']] }] },
        { el: 'blockquote', children: [p(['quoted'])] },
        { el: 'code_block', children: [{ text: [['a < b', { strong: {} }]] }] },
        { el: 'bullet_list', children: [{ el: 'list_item', children: [p(['x'])] }] },
        { el: 'ordered_list', attrs: { order: 3 }, children: [{ el: 'list_item', children: [p(['y'])] }] },
        { el: 'horizontal_rule' },
      ),
    ).toBe(
      '<h2>Hello</h2><p>one<br>two</p><blockquote><p>quoted</p></blockquote><pre><code>a &lt; b</code></pre>' +
        '<ul><li><p>x</p></li></ul><ol start="3"><li><p>y</p></li></ol><hr>',
    );
  });

  it('renders marks, nested the same way whatever order they were applied in', () => {
    expect(html(p(['bold', { strong: {} }], [' and '], ['both', { em: {}, strong: {} }], [' '], ['x()', { code: {} }]))).toBe(
      '<p><strong>bold</strong> and <strong><em>both</em></strong> <code>x()</code></p>',
    );
  });

  it('gives links rel="noopener noreferrer" and keeps only http, https and mailto targets', () => {
    expect(html(p(['site', { link: { href: 'https://example.com/a?b=1&c="2"' } }]))).toBe(
      '<p><a href="https://example.com/a?b=1&amp;c=%222%22" rel="noopener noreferrer">site</a></p>',
    );
    expect(html(p(['mail', { link: { href: 'mailto:help@example.com' } }]))).toContain('href="mailto:help@example.com"');
    for (const href of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', '/relative', '//evil.example', 42]) {
      expect(html(p(['click', { link: { href } }])), String(href)).toBe('<p>click</p>');
    }
  });

  it('reads y-prosemirror mark names that carry a hash suffix', () => {
    expect(html(p(['a', { 'link--abc123': { href: 'http://a.example/' } }]))).toBe(
      '<p><a href="http://a.example/" rel="noopener noreferrer">a</a></p>',
    );
  });

  it('escapes text, so markup typed into the editor stays text', () => {
    expect(html(p(['<script>alert("x")</script> & <img src=x onerror=alert(1)>']))).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;</p>',
    );
  });

  it('drops nodes and marks outside the schema, and every attribute it did not compute', () => {
    const out = html(
      { el: 'script', children: [{ text: [['alert(1)']] }] },
      { el: 'style', children: [{ text: [['body{}']] }] },
      { el: 'image', attrs: { src: 'javascript:alert(1)' } },
      { el: 'paragraph', attrs: { onclick: 'alert(1)', style: 'color:red', class: 'x' }, children: [{ text: [['ok', { onmouseover: 'x', underline: {}, span: { style: 'x' } }]] }] },
      { el: 'heading', attrs: { level: '7" onclick="x' }, children: [{ text: [['h']] }] },
      { el: 'ordered_list', attrs: { order: '1" onload="x' }, children: [] },
    );
    expect(out).toBe('<p>ok</p><h1>h</h1><ol></ol>');
  });

  it('drops a tree nested deeper than any editor makes', () => {
    let node: DraftNode = p(['deep']);
    for (let i = 0; i < 40; i++) node = { el: 'blockquote', children: [node] };
    const out = renderDraft(draftDoc(node).reply);
    expect(out.html).not.toContain('deep');
    expect(out.html.startsWith('<blockquote>')).toBe(true);
  });
});

describe('the plain text of a draft', () => {
  it('separates blocks by a blank line and lists items line by line', () => {
    const { text } = renderDraft(
      draftDoc(
        p(['Hello ', { strong: {} }], ['there']),
        { el: 'bullet_list', children: [{ el: 'list_item', children: [p(['one'])] }, { el: 'list_item', children: [p(['two'])] }] },
        { el: 'ordered_list', children: [{ el: 'list_item', children: [p(['first'])] }] },
        { el: 'blockquote', children: [p(['said'])] },
        { el: 'paragraph', children: [{ text: [['a']] }, { el: 'hard_break' }, { text: [['b']] }] },
      ).reply,
    );
    expect(text).toBe('Hello there\n\n- one\n- two\n\n1. first\n\n> said\n\na\nb');
  });

  it('calls a draft without visible text empty', () => {
    expect(renderDraft(draftDoc().reply).empty).toBe(true);
    expect(renderDraft(draftDoc(p(['   ']), { el: 'paragraph' }).reply).empty).toBe(true);
    expect(renderDraft(draftDoc(p(['x'])).reply).empty).toBe(false);
  });

  it('reads a live document, not only prelim trees', () => {
    const doc = new Y.Doc();
    const reply = doc.getXmlFragment('reply');
    const paragraph = new Y.XmlElement('paragraph');
    reply.insert(0, [paragraph]);
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    text.insert(0, 'typed');
    text.format(0, 5, { em: {} });
    expect(renderDraft(reply)).toEqual({ html: '<p><em>typed</em></p>', text: 'typed', empty: false });
  });
});

describe('safe link targets', () => {
  it('normalises what it keeps', () => {
    expect(safeHref('HTTPS://Example.COM')).toBe('https://example.com/');
    expect(safeHref('javascript:void(0)')).toBeNull();
    expect(safeHref('x'.repeat(3000))).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { articleHtml } from './article-html';
import { isAllowedUrl, sanitiseHtml } from './html-sanitiser';

describe('sanitiseHtml', () => {
  it('drops script and style elements with their content', async () => {
    const html = await sanitiseHtml('<p>a<script>alert(1)</script>b<style>p{color:red}</style>c</p>');
    expect(html).toBe('<p>abc</p>');
  });

  it('drops iframes, objects, svg and forms of raw text', async () => {
    const html = await sanitiseHtml(
      '<iframe src="https://evil.test"></iframe><object data="x"></object><svg><script>1</script></svg><textarea><img src=x onerror=alert(1)></textarea>ok',
    );
    expect(html).toBe('ok');
  });

  it('removes event-handler and style attributes', async () => {
    const html = await sanitiseHtml('<img src="https://cdn.test/a.png" onerror="alert(1)" style="x"><p onclick="x" style="color:red">t</p>');
    expect(html).not.toMatch(/onerror|onclick|style/);
    expect(html).toContain('src="https://cdn.test/a.png"');
  });

  it('removes javascript: and data: URLs, however they are disguised', async () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'javascript&colon;alert(1)', '&#106;avascript:alert(1)', '&#x6A;avascript:alert(1)', 'data:text/html,x', 'vbscript:x']) {
      const html = await sanitiseHtml(`<a href="${href}">x</a>`);
      expect(html, href).not.toContain('href');
    }
  });

  it('keeps http, https, mailto and relative links, each with rel="noopener noreferrer"', async () => {
    for (const href of ['https://example.test/a?b=1&amp;c=2', 'http://example.test', 'mailto:help@example.test', '/kb/printers', '#setup', 'other-page']) {
      const html = await sanitiseHtml(`<a href="${href}" target="_blank">x</a>`);
      expect(html, href).toBe(`<a href="${href}" rel="noopener noreferrer">x</a>`);
    }
  });

  it('replaces a rel the writer chose', async () => {
    expect(await sanitiseHtml('<a href="/x" rel="opener">x</a>')).toBe('<a href="/x" rel="noopener noreferrer">x</a>');
  });

  it('keeps images only from https or our own attachment URLs', async () => {
    expect(await sanitiseHtml('<img src="/api/v1/attachments/7/content" alt="shot">')).toBe('<img src="/api/v1/attachments/7/content" alt="shot">');
    expect(await sanitiseHtml('<img src="/api/v1/kb/images/3">')).toBe('<img src="/api/v1/kb/images/3">');
    expect(await sanitiseHtml('<img src="http://tracker.test/p.gif">')).toBe('<img>');
    expect(await sanitiseHtml('<img src="/elsewhere/p.gif">')).toBe('<img>');
    expect(await sanitiseHtml('<img src="data:image/png;base64,AAAA">')).toBe('<img>');
  });

  it('unwraps unknown elements but keeps their text', async () => {
    expect(await sanitiseHtml('<form action="/x"><button>Go</button><marquee>hi</marquee></form>')).toBe('Gohi');
  });

  it('drops comments', async () => {
    expect(await sanitiseHtml('a<!-- <script>x</script> -->b')).toBe('ab');
  });

  it('keeps only checkbox inputs, always disabled', async () => {
    expect(await sanitiseHtml('<input type="checkbox" checked>')).toBe('<input type="checkbox" checked disabled="">');
    expect(await sanitiseHtml('<input type="text" value="x">')).toBe('');
  });
});

describe('isAllowedUrl', () => {
  it('refuses an unknown entity before the scheme ends', () => {
    expect(isAllowedUrl('javascript&NotAnEntity;:x', 'link')).toBe(false);
  });
});

describe('articleHtml', () => {
  it('renders GitHub-flavoured Markdown', async () => {
    const html = await articleHtml('# Printer\n\nTurn it **off** and on.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done');
    expect(html).toContain('<h1>Printer</h1>');
    expect(html).toContain('<strong>off</strong>');
    expect(html).toContain('<table>');
    expect(html).toContain('type="checkbox"');
  });

  it('sanitises raw HTML and hostile links written in Markdown', async () => {
    const html = await articleHtml('[click](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n<script>alert(2)</script>');
    expect(html).not.toMatch(/javascript|onerror|<script/);
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it('keeps the language class of a fenced code block and escapes its content', async () => {
    const html = await articleHtml('```js\nif (a < b) alert("x")\n```');
    expect(html).toContain('<code class="language-js">');
    expect(html).toContain('a &lt; b');
  });
});

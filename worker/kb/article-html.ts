import { Marked } from 'marked';
import { sanitiseHtml } from './html-sanitiser';

// Articles are written in GitHub-flavoured Markdown and stored with their HTML,
// rendered once per save: readers never pay for rendering.

const markdown = new Marked({ gfm: true, breaks: false, async: false });

/** Markdown → sanitised HTML (the allowlist in html-sanitiser.ts). */
export async function articleHtml(bodyMarkdown: string): Promise<string> {
  const rendered = markdown.parse(bodyMarkdown, { async: false });
  return sanitiseHtml(rendered);
}

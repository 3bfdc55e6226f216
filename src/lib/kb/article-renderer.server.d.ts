/** Markdown → HTML, sanitised by the API's allowlist (worker/kb/article-html.ts). */
export function articleHtml(bodyMarkdown: string): Promise<string>;

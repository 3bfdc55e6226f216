// The API's own article renderer (Markdown → allowlist-sanitised HTML), for the
// editor's live preview. It is re-exported from plain JavaScript, typed by the
// .d.ts beside it, on purpose: its sanitiser is typed against the Workers
// runtime's HTMLRewriter `Element`, which the web app's program (which also
// loads the DOM's `Element`) cannot type, so the web app's type check must not
// walk into it. The bundle still runs the very same module, in workerd.
export { articleHtml } from '../../../worker/kb/article-html.ts';

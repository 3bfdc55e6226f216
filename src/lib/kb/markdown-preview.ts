// The editor asks for a preview at most once per pause in typing, and a slow
// answer to an older text never overwrites the answer to a newer one.

export interface PreviewRenderer {
  /** Called with each new text; the answer arrives through `onHtml`. */
  update(markdown: string): void;
  stop(): void;
}

export function previewRenderer(
  render: (markdown: string) => Promise<string>,
  onHtml: (html: string | null) => void,
  waitMs = 250,
): PreviewRenderer {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  return {
    update(markdown) {
      clearTimeout(timer);
      const ticket = ++latest;
      timer = setTimeout(() => {
        render(markdown).then(
          (html) => ticket === latest && onHtml(html),
          () => ticket === latest && onHtml(null),
        );
      }, waitMs);
    },
    stop() {
      clearTimeout(timer);
      latest += 1;
    },
  };
}

/** The web app's preview endpoint (same origin, the session cookie goes along). */
export async function renderPreview(markdown: string): Promise<string> {
  const response = await fetch('/admin/kb/preview', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ markdown }),
  });
  if (!response.ok) throw new Error(`preview answered ${response.status}`);
  return ((await response.json()) as { html: string }).html;
}

// What the service worker shows for a push message and where a click on it
// leads. The API sends `{ title, body, url }` (worker/notifications/
// notification-providers.ts); anything else still shows something sensible.

export interface PushNotice {
  title: string;
  body: string;
  /** A path on this portal (the ticket), or null for the start page. */
  path: string | null;
}

/** The app's name, for a message that brought no title. */
const FALLBACK_TITLE = 'WorkerNet Portal';

/** Only a path is kept from the link, so a notification can only ever open a page of this portal. */
function pathOf(url: unknown): string | null {
  if (typeof url !== 'string' || url === '') return null;
  try {
    const parsed = new URL(url, 'https://portal.invalid');
    return parsed.pathname + parsed.search;
  } catch {
    return null;
  }
}

/** The notice a push message's text (JSON, or plain text from another sender) makes. */
export function pushNotice(text: string | null): PushNotice {
  if (!text) return { title: FALLBACK_TITLE, body: '', path: null };
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    return {
      title: typeof data.title === 'string' && data.title ? data.title : FALLBACK_TITLE,
      body: typeof data.body === 'string' ? data.body : '',
      path: pathOf(data.url),
    };
  } catch {
    return { title: FALLBACK_TITLE, body: text, path: null };
  }
}

/** The window to focus for a click: one already showing the page, else none (open a new one). */
export function windowShowing<T extends { url: string }>(windows: readonly T[], origin: string, path: string): T | undefined {
  const target = new URL(path, origin).href;
  return windows.find((client) => client.url === target);
}

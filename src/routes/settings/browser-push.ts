// Turning on push notifications in this browser: whether it can at all, asking
// the person's permission, and subscribing through the service worker with the
// portal's VAPID key. Refusals come back as values the page words as sentences.

export type PushState = 'unsupported' | 'denied' | 'not_configured' | 'ready';
export type PushFailure = Exclude<PushState, 'ready'> | 'failed';

/** The parts of the browser the check reads (the real `window` in the page; a stand-in in tests). */
export interface PushHost {
  navigator: { serviceWorker?: unknown };
  PushManager?: unknown;
  Notification?: { permission: NotificationPermission };
}

/** What the page can offer before anyone clicks: the browser's abilities first, then the portal's. */
export function pushState(host: PushHost, publicKey: string | null): PushState {
  if (!host.navigator.serviceWorker || !host.PushManager || !host.Notification) return 'unsupported';
  if (host.Notification.permission === 'denied') return 'denied';
  return publicKey ? 'ready' : 'not_configured';
}

/** A base64url VAPID public key as the bytes PushManager.subscribe() wants. */
export function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export interface BrowserSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** Asks permission and subscribes this browser; the page then registers the subscription with the API. */
export async function subscribeThisBrowser(publicKey: string): Promise<{ ok: true; subscription: BrowserSubscription } | { ok: false; reason: PushFailure }> {
  const before = pushState(window, publicKey);
  if (before !== 'ready') return { ok: false, reason: before };
  if ((await Notification.requestPermission()) !== 'granted') return { ok: false, reason: 'denied' };
  try {
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration) return { ok: false, reason: 'failed' };
    const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: applicationServerKey(publicKey) });
    const json = subscription.toJSON();
    if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) return { ok: false, reason: 'failed' };
    return { ok: true, subscription: { endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } } };
  } catch (error) {
    return { ok: false, reason: error instanceof DOMException && error.name === 'NotAllowedError' ? 'denied' : 'failed' };
  }
}

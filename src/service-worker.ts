/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';
import { cacheDecision, OFFLINE_PAGE } from '$lib/pwa/cache-policy';
import { pushNotice, windowShowing } from '$lib/pwa/push-notification';

// The PWA's service worker: the app shell and static files from a cache named
// after the build (so a deploy replaces it whole), pages from the network with
// an offline page when there is none. API answers are never cached
// (src/lib/pwa/cache-policy.ts says what is).

const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `shell-${version}`;
const SHELL = new Set([...build, ...files, OFFLINE_PAGE]);

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([...SHELL]);
      await worker.skipWaiting();
    })(),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('fetch', (event) => {
  const decision = cacheDecision(event.request, worker.location.origin, SHELL);
  if (decision === 'network-only') return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      if (decision === 'cache-first') return (await cache.match(event.request)) ?? fetch(event.request);
      try {
        return await fetch(event.request);
      } catch {
        return (await cache.match(OFFLINE_PAGE)) ?? Response.error();
      }
    })(),
  );
});

// Web push: show what the API sent; a click focuses the ticket's window, or opens it.
worker.addEventListener('push', (event) => {
  const notice = pushNotice(event.data?.text() ?? null);
  event.waitUntil(worker.registration.showNotification(notice.title, { body: notice.body, data: { path: notice.path }, icon: '/icon-192.png' }));
});

worker.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const path = (event.notification.data as { path?: string | null } | null)?.path ?? '/';
  event.waitUntil(
    (async () => {
      const windows = await worker.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windowShowing(windows, worker.location.origin, path);
      if (open) await open.focus();
      else await worker.clients.openWindow(path);
    })(),
  );
});

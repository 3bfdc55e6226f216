/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';
import { cacheDecision, OFFLINE_PAGE } from '$lib/pwa/cache-policy';

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

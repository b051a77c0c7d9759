/**
 * The playground's service worker: after the first visit every file the app needs (the page, its
 * scripts and workers, Monaco, xterm, the built-in registry's modules) is served from a cache, so
 * a demo on a stage with no network works. `npm run build` writes it to `sw.js` with the list of
 * files and a version (see offlinePrecache in vite.config.ts); a new build replaces the cache.
 */
const PRECACHE = self.__PRECACHE__;
const CACHE = `kubelet-playground-${PRECACHE.version}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.files.map((f) => new URL(f, self.registration.scope))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith('kubelet-playground-') && k !== CACHE)
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== 'GET' && request.method !== 'HEAD') return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Every page URL (?example=..., #share) is the one app page.
      const key =
        request.mode === 'navigate' ? new URL('./', self.registration.scope).href : url.href;
      const hit = await cache.match(key, {
        ignoreSearch: request.mode === 'navigate',
        ignoreVary: true,
      });
      if (!hit) return fetch(request);
      if (request.method === 'HEAD') {
        return new Response(null, {
          status: hit.status,
          statusText: hit.statusText,
          headers: hit.headers,
        });
      }
      return hit;
    })(),
  );
});

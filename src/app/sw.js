// The app's service worker: after the first visit the catalogue, the player and every module work
// offline. Network first (authors' updates and new modules arrive as soon as there is a
// connection), the cache when there is none. The build fills in VERSION and PRECACHE.
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `checkpoint-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
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
            .filter((key) => key.startsWith('checkpoint-') && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          void caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(async () => {
        // ignoreVary: module scripts are requested with an Origin header, the precache without.
        const cached = await caches.match(request, {
          ignoreVary: true,
          ignoreSearch: request.mode === 'navigate',
        });
        return cached ?? (await caches.match('./index.html')) ?? Response.error();
      }),
  );
});

// The service worker of the athlete app: it keeps the app shell (the page, its script, styles,
// wasm, manifest and icons) so the app opens with no network. Data is not its business: the
// program and the outbox live in the app's IndexedDB, and API calls always go to the network.
//
// The build writes the version below (a hash of the app's sources): a new version installs a
// new cache, takes over at once and deletes the older caches.
const VERSION = "dev";
const CACHE = `dropit-mobile-${VERSION}`;
const SHELL = [
  "/m/",
  "/m/boot.js",
  "/m/style.css",
  "/m/pkg/dropit_mobile.js",
  "/m/pkg/dropit_mobile_bg.wasm",
  "/m/manifest.webmanifest",
  "/m/icon.svg",
  "/m/icon-192.png",
  "/m/icon-512.png",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // `reload`: from the server, not from the browser's HTTP cache of an older build.
      .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((name) => name.startsWith("dropit-mobile-") && name !== CACHE).map((name) => caches.delete(name))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Only the app's own files: the API (and anything else) goes to the network untouched.
  if (request.method !== "GET" || url.origin !== self.location.origin || !url.pathname.startsWith("/m/")) {
    return;
  }
  if (request.mode === "navigate") {
    // Every address of the app is the same page (the router draws it): the shell first.
    event.respondWith(
      caches.match("/m/", { cacheName: CACHE }).then((shell) => shell || fetch(request)),
    );
    return;
  }
  event.respondWith(
    caches.match(request, { cacheName: CACHE, ignoreSearch: true }).then((cached) => cached || fetch(request)),
  );
});

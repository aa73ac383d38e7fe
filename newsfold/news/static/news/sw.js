/* newsfold's service worker: pages the reader opens are kept for offline reading.
 *
 * Served at /sw.js by newsfold.news.pwa.service_worker, which fills in __VERSION__ (a hash of
 * this file, its configuration and the site's JS and CSS) and the configuration below.
 *
 * - Pages (navigations): network first; a page fetched whole (200, HTML) is kept, at most
 *   MAX_PAGES of them, the oldest dropped. Without a connection: the kept copy, else the
 *   offline page of the request's language. Pages with a query (search results, later pages
 *   of a listing) are never kept: there are too many and they are stale at once.
 * - Static files: cache first.
 * - Everything else (other sites, POSTs, the admin, API calls): left to the browser.
 */
"use strict";

const VERSION = "__VERSION__";
// {offline: {"/": "/offline/", "/ar/": "/ar/offline/"}, static: "/static/",
//  manifest: "/manifest.webmanifest", assets: [URLs to keep from the start]}
const CONFIG = __CONFIG__;
const SHELL = `shell-${VERSION}`; // offline pages, CSS, JS, icons, manifest
const PAGES = `pages-${VERSION}`; // pages the reader has opened
const MAX_PAGES = 100;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      const fresh = (url) => new Request(url, { cache: "reload" });
      // The offline pages are the point of the worker: without them it does not install.
      await cache.addAll(Object.values(CONFIG.offline).map(fresh));
      // A missing asset is only fetched again when a page asks for it.
      await Promise.all(CONFIG.assets.map((url) => cache.add(fresh(url)).catch(() => undefined)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const pages = await caches.open(PAGES);
      for (const name of await caches.keys()) {
        if (name === SHELL || name === PAGES) continue;
        // A new version must not lose what the reader saved: the kept pages move over.
        if (name.startsWith("pages-")) await copyPages(await caches.open(name), pages);
        if (name.startsWith("pages-") || name.startsWith("shell-")) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/admin/")) return;
  if (request.mode === "navigate") {
    event.respondWith(page(event, url));
  } else if (url.pathname.startsWith(CONFIG.static)) {
    event.respondWith(staticFile(event));
  } else if (url.pathname === CONFIG.manifest) {
    event.respondWith(manifest(request));
  }
});

async function page(event, url) {
  const request = event.request;
  const keep = url.search === "";
  try {
    const response = await fetch(request);
    if (keep && worthKeeping(response)) event.waitUntil(keepPage(request, response.clone()));
    return response;
  } catch (error) {
    const kept = keep && (await (await caches.open(PAGES)).match(request, { ignoreVary: true }));
    return kept || (await offlinePage(url.pathname)) || Response.error();
  }
}

function worthKeeping(response) {
  const type = response.headers.get("Content-Type") || "";
  const control = response.headers.get("Cache-Control") || "";
  return (
    response.status === 200 &&
    response.type === "basic" &&
    !response.redirected &&
    type.startsWith("text/html") &&
    !control.includes("no-store")
  );
}

async function keepPage(request, response) {
  const cache = await caches.open(PAGES);
  await cache.put(request, response);
  // Keys come in the order they were stored; storing a page again moves it to the end.
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_PAGES)).map((k) => cache.delete(k)));
}

async function copyPages(from, to) {
  for (const request of await from.keys()) {
    if (await to.match(request, { ignoreVary: true })) continue;
    const response = await from.match(request, { ignoreVary: true });
    if (response) await to.put(request, response);
  }
}

async function offlinePage(path) {
  // The language's home that starts the path, the longest one: "/ar/a/1/x/" → "/ar/".
  const home = Object.keys(CONFIG.offline)
    .filter((prefix) => path.startsWith(prefix))
    .sort((a, b) => b.length - a.length)[0];
  const url = CONFIG.offline[home] || Object.values(CONFIG.offline)[0];
  const response = url && (await (await caches.open(SHELL)).match(url, { ignoreVary: true }));
  return response ? unredirected(response) : undefined;
}

// A response the browser got through a redirect cannot answer a navigation: copy it.
function unredirected(response) {
  if (!response.redirected) return response;
  const { status, statusText, headers } = response;
  return new Response(response.body, { status, statusText, headers });
}

async function staticFile(event) {
  const request = event.request;
  const cache = await caches.open(SHELL);
  const hit = await cache.match(request, { ignoreVary: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.status === 200 && response.type === "basic") {
    event.waitUntil(cache.put(request, response.clone()));
  }
  return response;
}

async function manifest(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cache = await caches.open(SHELL);
    return (await cache.match(request, { ignoreVary: true, ignoreSearch: true })) || Response.error();
  }
}

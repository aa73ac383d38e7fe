/* newsfold's page script: offline reading, the copy-link button, the list of saved pages.
 * Every page works without it; it only adds what needs a script. */
"use strict";

// Offline reading. A browser without service workers, or one that refuses (private mode,
// blocked storage), simply reads online: nothing to tell the reader.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(() => undefined);
}

// Copy-link buttons stay hidden in the markup: without a script they could not work.
for (const button of document.querySelectorAll(".copy-link")) {
  button.hidden = false;
  button.addEventListener("click", async () => {
    const url = button.dataset.url || "";
    const status = statusFor(button);
    try {
      await navigator.clipboard.writeText(url); // throws where there is no clipboard API
      if (status) status.textContent = button.dataset.copied || "";
    } catch {
      // The reader can still copy the link by hand from the message.
      if (status) status.textContent = (button.dataset.failed || "") + url;
    }
  });
}

function statusFor(button) {
  let next = button.nextElementSibling;
  while (next && !next.matches(".copy-status")) next = next.nextElementSibling;
  return next;
}

// The offline page lists the articles kept for offline reading by the service worker
// (sw.js keeps opened pages in caches named "pages-<version>").
const saved = document.getElementById("saved-pages");
if (saved) listSavedPages(saved).catch(() => showNoSavedPages(saved));

const ARTICLE_PATH = /^\/(?:[a-z]{2,3}(?:-[a-z0-9]+)?\/)?a\/\d+\//i;

async function listSavedPages(list) {
  if (!("caches" in window)) return showNoSavedPages(list);
  const titles = new Map(); // URL → title, the most recently kept first
  const names = (await caches.keys()).filter((name) => name.startsWith("pages-"));
  for (const name of names) {
    const cache = await caches.open(name);
    for (const request of (await cache.keys()).reverse()) {
      if (!ARTICLE_PATH.test(new URL(request.url).pathname) || titles.has(request.url)) continue;
      const response = await cache.match(request, { ignoreVary: true });
      if (!response) continue;
      const doc = new DOMParser().parseFromString(await response.text(), "text/html");
      titles.set(request.url, doc.title.trim() || request.url);
    }
  }
  if (titles.size === 0) return showNoSavedPages(list);
  list.replaceChildren(
    ...Array.from(titles, ([url, title]) => {
      const link = document.createElement("a");
      link.href = url;
      link.textContent = title;
      const item = document.createElement("li");
      item.dir = "auto";
      item.append(link);
      return item;
    }),
  );
}

function showNoSavedPages(list) {
  const item = document.createElement("li");
  item.textContent = list.dataset.empty || "";
  list.replaceChildren(item);
}

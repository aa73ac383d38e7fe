"""Offline reading in a real browser: Debian's Chromium, driven by Playwright, against a live
server. An article opened once stays readable without a connection, also after the site is
updated; any other page answers with the offline page, which lists the saved articles. And the
copy-link button site.js brings to life."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from newsfold.news import pwa
from newsfold.news.store import store
from newsfold.pipeline.types import Draft
from newsfold.sources.outlets import outlet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Lighthouse keepers log a winter without fog"
PARAGRAPHS = [
    "For the first winter since records began, the keepers at Skerry Point wrote no fog into "
    "the station log, the harbour office said on Tuesday.",
    "The foghorn, tested every Sunday at noon, sounded only for its weekly check. Pilots "
    "bringing grain barges through the narrows reported clear sight of the outer buoys on "
    "every crossing between November and March.",
    "Older keepers recall a dry winter forty years ago that still brought nine days of sea "
    "fog; the office will publish the full log at the spring meeting of the harbour board.",
]
# Words from the body, to see that the text itself is on the page, not only the title.
BODY_WORDS = "tested every Sunday at noon"


@pytest.fixture
def page_and_problems(browser):
    """A fresh browser profile's page, and the console errors and warnings it logs."""
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda m: (
            problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    yield page, problems
    context.close()


def _article() -> int:
    when = timezone.now() - timedelta(hours=3)
    draft = Draft(
        title=TITLE,
        text="\n\n".join(PARAGRAPHS),
        url="https://ledger.example/skerry-point-fog",
        published_at=when,
        fetched_at=when,
        html="".join(f"<p>{p}</p>" for p in PARAGRAPHS),
    )
    return store(draft, outlet("Harbour Ledger")).article_id


# True once the page's service worker is active; false after 15 s rather than never.
READY = """Promise.race([
  navigator.serviceWorker.ready.then(() => true),
  new Promise((resolve) => setTimeout(() => resolve(false), 15000)),
])"""

KEPT = """async (url) => {
  for (const name of await caches.keys()) {
    if (name.startsWith("pages-") && (await (await caches.open(name)).match(url))) return true;
  }
  return false;
}"""


def _wait_until_kept(page, url: str) -> None:
    """The worker stores a page while the browser shows it: wait for the copy to be there."""
    deadline = time.monotonic() + 10
    while not page.evaluate(KEPT, url):
        assert time.monotonic() < deadline, f"{url} was not kept for offline reading"
        time.sleep(0.1)


def _open_and_keep(page, site: str, pk: int) -> str:
    """Open the home page, then the article once the worker is active; its kept address."""
    page.goto(site + "/")
    assert page.evaluate(READY), "the service worker did not become active"
    # The short address redirects to the article's own; that one is what gets kept.
    page.goto(f"{site}/a/{pk}/")
    article_url = page.url
    assert article_url != f"{site}/a/{pk}/" and article_url.endswith("/")
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    _wait_until_kept(page, article_url)
    return article_url


def test_an_opened_article_is_readable_offline(live_server, page_and_problems):
    page, problems = page_and_problems
    article_url = _open_and_keep(page, live_server.url, _article())

    page.context.set_offline(True)

    response = page.goto(article_url)
    assert response is not None and response.from_service_worker
    assert TITLE in page.locator("h1").inner_text()
    assert BODY_WORDS in page.locator("main").inner_text()

    # A page never opened: the offline page, listing the kept article under its title.
    page.goto(f"{live_server.url}/latest/")
    assert page.locator("#saved-pages").count() == 1
    saved = page.locator("#saved-pages a")
    saved.first.wait_for(timeout=10_000)
    assert saved.count() == 1
    assert TITLE in saved.inner_text()
    assert saved.get_attribute("href") == article_url
    saved.click()
    page.wait_for_url(article_url)
    assert TITLE in page.locator("h1").inner_text()

    # The Arabic side answers with its own offline page.
    page.goto(f"{live_server.url}/ar/latest/")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("#saved-pages a").first.inner_text(timeout=10_000)

    assert problems == []


def test_a_new_version_of_the_site_keeps_the_saved_articles(
    live_server, page_and_problems, monkeypatch
):
    page, problems = page_and_problems
    article_url = _open_and_keep(page, live_server.url, _article())
    script = pwa._worker_script()
    version = re.search(rb'const VERSION = "(\w+)"', script).group(1)
    monkeypatch.setattr(pwa, "_worker_script", lambda: script.replace(version, b"new"))

    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    deadline = time.monotonic() + 10
    while sorted(page.evaluate("caches.keys()")) != ["pages-new", "shell-new"]:
        assert time.monotonic() < deadline, page.evaluate("caches.keys()")
        time.sleep(0.1)

    page.context.set_offline(True)
    page.goto(article_url)
    assert TITLE in page.locator("h1").inner_text()
    assert problems == []


def test_the_offline_page_says_when_nothing_is_saved(live_server, page_and_problems):
    page, problems = page_and_problems
    page.goto(live_server.url + "/")
    assert page.evaluate(READY), "the service worker did not become active"
    page.context.set_offline(True)
    page.goto(f"{live_server.url}/search?q=lighthouse")
    empty = page.locator("#saved-pages").get_attribute("data-empty")
    assert empty
    page.locator("#saved-pages li").first.wait_for(timeout=10_000)
    assert page.locator("#saved-pages").inner_text().strip() == empty
    assert problems == []


def test_the_copy_link_button_copies_the_article_address(live_server, browser):
    pk = _article()
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.goto(f"{live_server.url}/a/{pk}/")
    button = page.locator(".copy-link")
    url = button.get_attribute("data-url")
    assert url and url.endswith(f"/a/{pk}/lighthouse-keepers-log-a-winter-without-fog/")
    button.click()  # shown by site.js: a hidden button could not be clicked
    expect(page.locator(".copy-status")).to_have_text(button.get_attribute("data-copied"))
    assert page.evaluate("navigator.clipboard.readText()") == url
    context.close()


# A browser without the clipboard API (an old one, or a page that is not a secure context).
NO_CLIPBOARD = "Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined})"


def test_without_a_clipboard_the_link_is_shown_to_copy_by_hand(live_server, browser):
    pk = _article()
    context = browser.new_context()
    context.add_init_script(NO_CLIPBOARD)
    page = context.new_page()
    page.goto(f"{live_server.url}/a/{pk}/")
    button = page.locator(".copy-link")
    button.click()
    expected = button.get_attribute("data-failed") + button.get_attribute("data-url")
    expect(page.locator(".copy-status")).to_have_text(expected.strip())
    context.close()

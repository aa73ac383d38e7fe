"""Browser fixtures: Debian's Chromium driven by Playwright, the demo corpus behind a live
server, phone-sized pages that record what went wrong while they loaded, and screenshots."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--no-first-run",
]
DEMO = ROOT / "demo"
DEMO_PARTS = [DEMO / "outlets.opml", DEMO / "feeds", DEMO / "pages", DEMO / "dumps"]
DEMO_CAPTURED_AT = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)  # as in `make demo-data`
MANIFEST = json.loads((DEMO / "manifest.json").read_text(encoding="utf-8"))
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

# An iPhone-sized screen: the narrowest the site is designed for.
PHONE = {
    "viewport": {"width": 375, "height": 812},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One Chromium for the module's tests; each test opens its own fresh context.

    Module scope: pytest tears it down before the next module's tests, so no two Playwright
    instances ever run in one thread (its sync API refuses that).
    """
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (scripts/ensure-chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread, which Django takes
    # for async code; the tests' own database calls are plain synchronous ones.
    with pytest.MonkeyPatch.context() as mp, sync_playwright() as p:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class DemoSite:
    """The demo corpus, imported through the real importer, behind the live server."""

    url: str
    report: object

    def article_id(self, source_url: str) -> int:
        """The id of the article that stores the demo article published at this address."""
        from newsfold.news.models import ArticleCopy

        return ArticleCopy.objects.get(url=source_url).article_id

    def article_path(self, source_url: str) -> str:
        """Its canonical address on our site, as our own pages link to it."""
        from newsfold.news.models import Article

        article = Article.objects.get(pk=self.article_id(source_url))
        return f"/a/{article.pk}/{article.slug}/"

    def manifest_article(self, **match) -> dict:
        return next(a for a in MANIFEST["articles"] if all(a[k] == v for k, v in match.items()))


@pytest.fixture
def demo_site(live_server, transactional_db) -> DemoSite:
    from django.core.cache import cache

    from newsfold.ingestion.files import import_paths
    from newsfold.news.insights import enrich_due

    cache.clear()  # the live server shares this process's cache: nothing from earlier tests
    report = import_paths(DEMO_PARTS, captured_at=DEMO_CAPTURED_AT)
    assert not report.failed_files, report.lines()
    enrich_due(limit=None)  # as `make demo` does: every page with its AI features
    yield DemoSite(url=live_server.url, report=report)
    cache.clear()


@dataclass
class Problems:
    """What a reader's browser complained about: console errors and warnings, script
    errors, requests that failed or that the site answered with an error."""

    origin: str
    found: list[str] = field(default_factory=list)

    def watch(self, context) -> None:
        # The site loads nothing from any other site, publishers' images included (they come
        # through /img/): any such request is a problem, and is refused.
        context.route(lambda url: not self._ours(url), self._outside)
        context.on("console", self._console)
        context.on("weberror", lambda e: self.found.append(f"uncaught: {e.error}"))
        context.on("requestfailed", self._failed)
        context.on("response", self._response)

    def _ours(self, url: str) -> bool:
        return urlsplit(url)[:2] == urlsplit(self.origin)[:2]

    def _outside(self, route) -> None:
        self.found.append(f"third-party request: {route.request.url}")
        route.abort()

    def _console(self, message) -> None:
        if message.type in ("error", "warning"):
            where = message.location.get("url", "") if message.location else ""
            self.found.append(f"console {message.type}: {message.text} ({where})")

    def _failed(self, request) -> None:
        if request.service_worker and request.redirected_from and _aborted(request):
            # The worker fetches a navigation with redirect: "manual" and hands the redirect
            # back to the page, which follows it itself; Chromium still starts the followed
            # request on the worker's side and aborts it. Nothing a reader can notice.
            return
        if _icon_cut_short(request):
            return
        by = " by the service worker" if request.service_worker else ""
        self.found.append(
            f"request failed{by}: {request.method} {request.url} "
            f"({request.resource_type}): {request.failure}"
        )

    def _response(self, response) -> None:
        same_site = urlsplit(response.url)[:2] == urlsplit(self.origin)[:2]
        if same_site and response.status >= 400:
            self.found.append(f"HTTP {response.status}: {response.request.method} {response.url}")

    def take(self) -> list[str]:
        found, self.found = self.found, []
        return found


def _aborted(request) -> bool:
    return (request.failure or "").strip() == "net::ERR_ABORTED"


def _icon_cut_short(request) -> bool:
    """The tab's icon, abandoned because the test moved to the next page.

    Chromium fetches the icon after the page's load event, so a test that navigates at once
    aborts it; a reader sees at most the previous icon for a moment. Any other failure of the
    icon (a 404, a refused connection) is still a problem.
    """
    path = urlsplit(request.url).path
    return (
        _aborted(request)
        and request.resource_type == "other"
        and path.startswith("/static/")
        and path.endswith((".svg", ".png", ".ico"))
    )


@dataclass
class Browsing:
    page: object
    context: object
    problems: Problems


@pytest.fixture
def open_page(browser, live_server) -> Iterator[Callable[..., Browsing]]:
    """Open a page in a fresh browser profile, phone-sized unless told otherwise."""
    contexts = []

    def open_(**options) -> Browsing:
        context = browser.new_context(**{**PHONE, **options})
        context.set_default_timeout(15_000)
        contexts.append(context)
        problems = Problems(live_server.url)
        problems.watch(context)
        return Browsing(context.new_page(), context, problems)

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot(request) -> Callable[[object, str], Path]:
    """Save a full-page screenshot under test-artifacts/screenshots/<test>-<name>.png."""
    test = re.sub(r"^test_", "", request.node.name)

    def shoot(page, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{test}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return shoot

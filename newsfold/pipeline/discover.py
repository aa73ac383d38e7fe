"""Find the feeds a web page advertises, so a user can subscribe by pasting a page URL."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

__all__ = ["discover_feeds"]

_FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
}


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.links: list[tuple[str, str]] = []  # (type, href)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: (value or "") for name, value in attrs}
        if tag == "base" and self.base is None and values.get("href"):
            self.base = values["href"].strip()
        elif tag == "link":
            rels = values.get("rel", "").lower().split()
            kind = values.get("type", "").split(";")[0].strip().lower()
            href = values.get("href", "").strip()
            if "alternate" in rels and kind in _FEED_TYPES and href:
                self.links.append((kind, href))


def discover_feeds(html: str, base_url: str) -> list[str]:
    """Absolute URLs of the feeds a page links with <link rel="alternate">, in page order.

    Plain `application/json` alternates count only when they do not look like WordPress
    REST or oEmbed endpoints, which every WordPress page advertises and which are not feeds.
    """
    collector = _LinkCollector()
    try:
        collector.feed(html)
        collector.close()
    except (AssertionError, ValueError):
        pass  # keep what was found before the markup went bad
    base = urljoin(base_url, collector.base) if collector.base else base_url
    found: list[str] = []
    for kind, href in collector.links:
        try:
            url = urljoin(base, href)
            scheme = urlsplit(url).scheme.lower()
        except ValueError:
            continue
        if scheme not in ("http", "https") or url in found:
            continue
        if kind == "application/json" and ("/wp-json/" in url or "oembed" in url.lower()):
            continue
        found.append(url)
    return found

"""The one rule for a URL that newsfold stores or puts in a link: http(s) only, no
credentials.

Feeds, pages and OPML files are written by others: a homepage of `javascript:…` stored and
rendered as a link runs script for whoever clicks it, and a feed URL with `user:password@`
shown on an outlet page publishes the password. Every URL on its way in (feeds, pages,
imports, the models) and on its way out (the templates' `href`/`src`) passes through here.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

__all__ = ["MAX_URL", "feed_url_problem", "shown_url", "tidy_url", "web_url"]

MAX_URL = 2000  # the longest URL a row holds
WEB_SCHEMES = frozenset({"http", "https"})

# Everything a browser skips before a URL's scheme: C0 controls, ASCII and Unicode spaces,
# zero-width characters and the byte-order mark. " \x0e javascript:…" is a javascript: URL
# to a browser, so it is one to us too.
_LEADING_JUNK = re.compile(
    r"^[\x00-\x20\x7f-\xa0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]+"
)
# Browsers delete these anywhere in a URL, so "java\tscript:" is "javascript:".
_STRIPPED_INSIDE = re.compile(r"[\t\n\r]")


def tidy_url(value: str) -> str:
    """The URL a browser would read from an attribute's value."""
    return _STRIPPED_INSIDE.sub("", _LEADING_JUNK.sub("", value)).strip()


def web_url(value: object, base: str | None = None) -> str | None:
    """The absolute http(s) URL `value` names (relative ones resolved against `base`), with
    any user name and password removed; None for anything else."""
    if not isinstance(value, str):
        return None
    url = tidy_url(value)
    if not url:
        return None
    try:
        if base:
            url = urljoin(tidy_url(base), url)
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return None
    if "@" in parts.netloc:
        url = urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
    return url if len(url) <= MAX_URL else None


def feed_url_problem(value: str) -> str | None:
    """Why `value` cannot be subscribed to, or None when it can. Credentials are refused
    rather than stripped: the feed would fail without them, and they would be shown."""
    url = tidy_url(value)
    try:
        parts = urlsplit(url)
    except ValueError:
        return "not a valid URL"
    if parts.scheme.lower() not in WEB_SCHEMES:
        return "not an http(s) URL"
    if "@" in parts.netloc:
        return "a feed URL with a user name or password is refused: it would be shown to readers"
    if web_url(url) is None:
        return "not a valid http(s) URL" if len(url) <= MAX_URL else "URL too long"
    return None


def shown_url(value: object) -> str:
    """A URL as a page may show it in text: no credentials, and no query string, which is
    where private feeds carry their tokens ("?…" says one was there)."""
    url = web_url(value)
    if url is None:
        return ""
    parts = urlsplit(url)
    shown = urlunsplit(parts._replace(query="", fragment=""))
    return f"{shown}?…" if parts.query else shown

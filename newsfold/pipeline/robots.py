"""robots.txt: fetched at most once an hour per site, asked before each page we read.

The file is fetched through the caller's fetcher (the guarded `fetch`), so a robots.txt
URL meets the same SSRF guard, size cap and time-outs as any page.

When there is no usable robots.txt we fetch: a missing one (404, and every other 4xx,
401/403 included) means the site set no rules, as RFC 9309 §2.3.1.3 says. A server error
(5xx) or an unreachable, oversized, refused or redirect-looping robots.txt also counts as
allowed, where RFC 9309 §2.3.1.4 asks crawlers to assume a full disallow: we read a few
feed URLs a few times an hour, not every page of a site, and the page fetch that follows
meets the same trouble and backs off by itself; refusing would only swap the true error
("503") on the feed's status for a misleading one ("robots.txt forbids"). Such outcomes are
remembered for five minutes only, so a robots.txt that comes back is obeyed soon.

The rules are read by protego (Scrapy's parser), which matches as RFC 9309 says: `*` and `$`
in paths, and the longest matching rule wins, so "Allow: /private/public" beats "Disallow:
/private" (the standard library's parser takes the first rule and knows no wildcards).
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from dataclasses import replace

import httpx
from protego import Protego

from newsfold.pipeline.errors import FetchError, HTTPStatusError
from newsfold.pipeline.types import FetchPolicy, FetchResult

__all__ = ["CACHE_SECONDS", "FAILURE_CACHE_SECONDS", "Fetcher", "allowed", "robots_url"]

Fetcher = Callable[[str, FetchPolicy], FetchResult]

CACHE_SECONDS = 3600
FAILURE_CACHE_SECONDS = 300
# Google reads the first 500 KiB of a robots.txt; anything larger is not a rules file.
MAX_ROBOTS_BYTES = 512 * 1024

_cache: dict[str, tuple[float, Protego | None]] = {}
_lock = threading.Lock()


def robots_url(url: str) -> str:
    """The robots.txt that governs `url`: same scheme, host and port (RFC 9309 §2.3)."""
    parsed = httpx.URL(url)
    return str(parsed.copy_with(path="/robots.txt", query=None, fragment=None))


def allowed(url: str, policy: FetchPolicy, fetcher: Fetcher) -> bool:
    """May `policy.user_agent` fetch `url`? Fetches and caches the site's rules if needed:
    where every process sees them when the policy says where (`policy.shared`), else in
    this process."""
    if not policy.respect_robots:
        return True
    where = robots_url(url)
    if policy.shared is not None:
        rules = _shared_rules(where, policy, fetcher)
    else:
        now = time.monotonic()
        with _lock:
            cached = _cache.get(where)
        if cached is not None and cached[0] > now:
            rules = cached[1]
        else:
            text, lifetime = _load(where, policy, fetcher)
            rules = _parsed(text)
            with _lock:
                _cache[where] = (now + lifetime, rules)
    return rules is None or rules.can_fetch(url, policy.user_agent)


def _shared_rules(where: str, policy: FetchPolicy, fetcher: Fetcher) -> Protego | None:
    known, text = policy.shared.robots_get(where)
    if not known:
        text, lifetime = _load(where, policy, fetcher)
        policy.shared.robots_set(where, text, lifetime)
    return _parsed(text)


@functools.lru_cache(maxsize=256)
def _parsed(text: str | None) -> Protego | None:
    return None if text is None else Protego.parse(text)


def _load(where: str, policy: FetchPolicy, fetcher: Fetcher) -> tuple[str | None, int]:
    """The robots.txt text (None: no usable file) and how long to keep it."""
    small = replace(policy, max_bytes=min(policy.max_bytes, MAX_ROBOTS_BYTES))
    try:
        result = fetcher(where, small)
    except HTTPStatusError as exc:
        lifetime = CACHE_SECONDS if exc.status < 500 else FAILURE_CACHE_SECONDS
        return None, lifetime
    except FetchError:
        return None, FAILURE_CACHE_SECONDS
    if not 200 <= result.status < 300:
        return None, FAILURE_CACHE_SECONDS
    return result.content.decode("utf-8", errors="replace"), CACHE_SECONDS

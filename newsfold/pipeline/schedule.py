"""When to poll a feed next: pure arithmetic, so the worker's timing can be tested exactly.

Politeness is the point: we never poll faster than the publisher asks (feed ttl,
sy:updatePeriod, Cache-Control max-age) and slow down quickly when a server struggles.
No jitter is added here; the caller spreads polls if it wants to.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

__all__ = ["backoff_delay", "parse_retry_after", "poll_interval"]

_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?(\d+)\"?", re.IGNORECASE)


def poll_interval(
    hint_seconds: int | None,
    cache_control: str | None,
    *,
    minimum: int,
    maximum: int,
    default: int,
) -> int:
    """Seconds until the next poll of a healthy feed.

    The publisher's feed hint and the response's max-age both say "nothing new before
    then", so the longer of the two wins; with neither we use `default`. The result always
    stays within [minimum, maximum]: our floor protects the publisher from a zero ttl, our
    ceiling keeps a feed that asks for a week from going stale.
    """
    hints = [h for h in (hint_seconds, _max_age(cache_control)) if h is not None and h > 0]
    wanted = max(hints) if hints else default
    return max(minimum, min(maximum, wanted))


def backoff_delay(failures: int, *, base: int, maximum: int, retry_after: int | None = None) -> int:
    """Seconds to wait after `failures` consecutive failed fetches.

    Doubling from `base` makes a dead server cost us a handful of requests a day instead of
    one per poll. A server's Retry-After wins when it asks for longer, but never beyond
    `maximum`, so a hostile or mistaken header cannot switch a feed off for good.
    """
    exponential = 0 if failures <= 0 else base * 2 ** min(failures - 1, 64)
    wanted = max(exponential, retry_after or 0)
    return max(0, min(maximum, wanted))


def parse_retry_after(value: str | None, now: datetime) -> int | None:
    """Seconds from `now` that a Retry-After header asks for; None when absent or unreadable.

    The header is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3); a date in the
    past means "now" (0).
    """
    if value is None:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        return int(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return max(0, math.ceil((when - now).total_seconds()))


def _max_age(cache_control: str | None) -> int | None:
    if not cache_control or "no-store" in cache_control.lower():
        return None
    match = _MAX_AGE.search(cache_control)
    return int(match.group(1)) if match else None

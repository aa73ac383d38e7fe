"""Publication times from what a page or its URL says, always as aware UTC datetimes.

Extraction prefers the page's own date (meta tags, `<time>`, JSON-LD, read by
trafilatura/htmldate); many news sites also put the day in the path, which is the
next best witness. Beyond that the caller knows better (the feed's date, then the
fetch time), so these functions return None rather than guess.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

__all__ = ["date_from_url", "parse_datetime"]

# Years outside this window in a path are ids, prices or model numbers, not dates.
_FIRST_YEAR, _LAST_YEAR = 1990, 2100

_URL_PATTERNS = (
    # /2025/03/14/ or /2025/3/14- (a slug may follow the day directly)
    re.compile(r"/(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:[/\-_.]|$)"),
    # 2025-03-14 or 2025_03_14 anywhere in the path, not glued to other digits
    re.compile(r"(?<!\d)(?P<y>\d{4})(?P<sep>[-_])(?P<m>\d{2})(?P=sep)(?P<d>\d{2})(?!\d)"),
    # /20250314/ or /20250314-slug as a path segment of its own
    re.compile(r"/(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:[/\-_.]|$)"),
)


def date_from_url(url: str | None) -> datetime | None:
    """The day a URL's path names (midnight UTC), or None if it names none.

    Only the path is read: query strings carry cache busters and ids that look like dates.
    """
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for pattern in _URL_PATTERNS:
        for match in pattern.finditer(path):
            year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
            if not _FIRST_YEAR <= year <= _LAST_YEAR:
                continue
            try:
                return datetime(year, month, day, tzinfo=UTC)
            except ValueError:
                continue
    return None


def parse_datetime(value: str | None) -> datetime | None:
    """An ISO-8601 date or timestamp as aware UTC; a naive time is taken to be UTC.

    htmldate gives "2025-03-14" or, when the page has one, "2025-03-14T09:30:00+0100".
    """
    if not value:
        return None
    text = value.strip()
    if re.search(r"[+-]\d{4}$", text):  # +0100 -> +01:00 for Python 3.11's parser
        text = f"{text[:-2]}:{text[-2:]}"
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)

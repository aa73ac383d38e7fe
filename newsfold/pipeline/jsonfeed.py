"""JSON Feed 1.0 and 1.1, which feedparser does not read.

Written against https://www.jsonfeed.org/version/1.1/ and lenient where real feeds are:
1.0's single `author` and 1.1's `authors` both count, an `http://` version URL (used by
early WordPress plugins) is accepted, numeric ids become strings, and items that are not
objects are skipped rather than failing the whole feed.
"""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from newsfold.pipeline.types import FeedEntry, ParsedFeed
from newsfold.pipeline.urls import web_url

__all__ = ["JSONFeedError", "parse_json_feed"]

_VERSION_PREFIXES = ("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")


class JSONFeedError(ValueError):
    """The bytes are not a JSON Feed; the message is written for the feed's status line."""


def parse_json_feed(content: bytes, *, url: str | None = None) -> ParsedFeed:
    """Parse a JSON Feed document; raises JSONFeedError when it is not one."""
    try:
        data = json.loads(content, strict=False)
    except UnicodeDecodeError:
        data = _loads(content.decode("utf-8", "replace"))
    except ValueError as exc:
        raise JSONFeedError(f"not a feed: invalid JSON ({_first_line(exc)})") from exc
    if not isinstance(data, dict):
        raise JSONFeedError("not a feed: JSON that is not a JSON Feed")
    version = data.get("version")
    if not isinstance(version, str) or not version.startswith(_VERSION_PREFIXES):
        raise JSONFeedError("not a feed: JSON that is not a JSON Feed (no jsonfeed.org version)")
    items = data.get("items")
    if not isinstance(items, list):
        raise JSONFeedError("not a feed: JSON Feed without an items list")

    base = web_url(data.get("feed_url"), url) or url
    feed = ParsedFeed(
        kind="json",
        title=_plain(data.get("title")),
        homepage=web_url(data.get("home_page_url"), base),
        language=_language(data.get("language")),
    )
    feed_author = _author(data)
    skipped = 0
    for item in items:
        if not isinstance(item, dict):
            skipped += 1
            continue
        entry = _entry(item, base, feed.language)
        entry.author = entry.author or feed_author
        feed.entries.append(entry)
    if skipped:
        feed.warning = f"skipped {skipped} item(s) that were not JSON objects"
    return feed


def _loads(text: str) -> Any:
    try:
        return json.loads(text, strict=False)
    except ValueError as exc:
        raise JSONFeedError(f"not a feed: invalid JSON ({_first_line(exc)})") from exc


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:120]


def _entry(item: dict[str, Any], base: str | None, feed_language: str | None) -> FeedEntry:
    guid = item.get("id")
    content_html = _string(item.get("content_html"))
    text = _string(item.get("content_text"))
    if not content_html and text:
        content_html = html.escape(text, quote=False)
    summary = _string(item.get("summary"))
    return FeedEntry(
        guid=(str(guid).strip() or None) if isinstance(guid, str | int) else None,
        url=web_url(item.get("url"), base) or web_url(item.get("external_url"), base),
        title=_plain(item.get("title")),
        author=_author(item),
        published_at=_date(item.get("date_published")) or _date(item.get("date_modified")),
        summary_html=html.escape(summary, quote=False) if summary else "",
        content_html=content_html,
        tags=_tags(item.get("tags")),
        image_url=web_url(item.get("image"), base) or web_url(item.get("banner_image"), base),
        language=_language(item.get("language")) or feed_language,
    )


def _string(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _plain(value: Any) -> str:
    """JSON Feed titles are plain text, but publishers often leave HTML entities in them."""
    return " ".join(html.unescape(_string(value)).split())


def _author(data: dict[str, Any]) -> str:
    authors = data.get("authors")
    candidates = authors if isinstance(authors, list) else []
    candidates = [*candidates, data.get("author")]
    names = [_plain(a.get("name")) for a in candidates if isinstance(a, dict)]
    names = [name for name in names if name]
    return ", ".join(dict.fromkeys(names))


def _tags(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    tags = [" ".join(tag.split()) for tag in value if isinstance(tag, str)]
    return list(dict.fromkeys(tag for tag in tags if tag))


def _date(value: Any) -> datetime | None:
    """RFC 3339 as the spec says; RFC 822 as some generators write anyway."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def _language(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip().replace("_", "-")
    return value[:35] if re.fullmatch(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*", value) else None

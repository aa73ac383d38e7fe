"""Turn the bytes of a feed into a ParsedFeed, or a FeedError a user can read.

RSS and Atom go through feedparser, which copes with decades of broken feeds; JSON Feed,
which feedparser does not read, goes through our own `jsonfeed` module. HTML is left raw
here (feedparser's sanitiser is off) because the sanitize step cleans it with nh3; only
feedparser's resolution of relative links is kept.
"""

from __future__ import annotations

import html
import io
import re
import zlib
from datetime import UTC, datetime
from typing import Any

import feedparser

from newsfold.pipeline.jsonfeed import JSONFeedError, parse_json_feed
from newsfold.pipeline.sanitize import to_text
from newsfold.pipeline.types import FeedEntry, ParsedFeed
from newsfold.pipeline.urls import web_url

__all__ = ["FeedError", "newest_entries", "parse_feed", "plain_text"]

# Decompressed size cap for gzip bodies, so a small "zip bomb" cannot fill memory.
_MAX_INFLATED = 32 * 1024 * 1024

# Seconds per sy:updatePeriod unit (RSS 1.0 syndication module).
_PERIODS = {
    "hourly": 3600,
    "daily": 86400,
    "weekly": 7 * 86400,
    "monthly": 30 * 86400,
    "yearly": 365 * 86400,
}

# First element names that mean "someone served us a web page".
_HTML_ROOTS = {"html", "head", "body", "div", "p", "img", "a", "span", "table", "h1", "h2"}
_HTML_ROOTS |= {"h3", "script", "meta", "link", "br", "ul", "section", "article", "form"}

_COMMENT = re.compile(rb"<!--.*?(?:-->|$)", re.DOTALL)
_FIRST_ELEMENT = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_ENTITY_DECL = re.compile(rb"<!ENTITY\s+(%\s+)?[^\s>]+\s*(.*?)>", re.DOTALL | re.IGNORECASE)
# Longest internal entity value we accept; abbreviations are short, amplification is long.
_MAX_ENTITY_VALUE = 256


class FeedError(ValueError):
    """A document we cannot read as a feed; `message` is shown on the feed's status."""

    def __init__(self, message: str) -> None:
        self.message = " ".join(message.split())[:300]
        super().__init__(self.message)


def parse_feed(
    content: bytes,
    *,
    url: str | None = None,
    headers: dict[str, str] | None = None,
    max_entries: int | None = None,
) -> ParsedFeed:
    """Parse RSS, Atom or JSON Feed bytes; FeedError is the only exception that escapes.

    `url` is where the feed was fetched from (relative links resolve against it);
    `headers` are the HTTP response headers, whose Content-Type charset counts.
    `max_entries` keeps the newest entries of a document that has more (`cut` says how
    many were left out): a feed of 100,000 items would otherwise take an hour to store.
    """
    try:
        parsed = _parse(content, url, {k.lower(): v for k, v in (headers or {}).items()})
    except FeedError:
        raise
    except Exception as exc:  # a parser bug on hostile input must not take a worker down
        raise FeedError(f"could not parse the feed ({type(exc).__name__})") from exc
    if max_entries is not None and len(parsed.entries) > max_entries:
        parsed.cut = len(parsed.entries) - max_entries
        parsed.entries = newest_entries(parsed.entries, max_entries)
    return parsed


def newest_entries(entries: list[FeedEntry], limit: int) -> list[FeedEntry]:
    """The `limit` newest entries, in document order. Undated entries count as older than
    dated ones, and among themselves the document's first (feeds list newest first) win."""
    oldest = datetime.min.replace(tzinfo=UTC)
    ranked = sorted(
        range(len(entries)),
        key=lambda i: (entries[i].published_at or oldest, -i),
        reverse=True,
    )
    return [entries[i] for i in sorted(ranked[:limit])]


def _parse(content: bytes, url: str | None, headers: dict[str, str]) -> ParsedFeed:
    if content[:2] == b"\x1f\x8b":
        content = _inflate(content)
    if not content.lstrip(b"\xef\xbb\xbf\xfe\xff\x00 \t\r\n"):
        raise FeedError("empty document")
    if _looks_like_json(content, headers.get("content-type", "")):
        try:
            return parse_json_feed(content, url=url)
        except JSONFeedError as exc:
            raise FeedError(str(exc)) from exc
    head = _prolog(content)
    root = _root_name(head)
    _refuse_entity_tricks(head)
    return _parse_xml(content, url, headers, root)


def _inflate(content: bytes) -> bytes:
    """Read gzip bodies saved or served without Content-Encoding (e.g. `feed.xml.gz`)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(content, _MAX_INFLATED)
    except zlib.error as exc:
        raise FeedError("not a feed: broken gzip data") from exc
    if inflater.unconsumed_tail:
        raise FeedError("not a feed: gzip data inflates beyond the size limit")
    return data


def _looks_like_json(content: bytes, content_type: str) -> bool:
    start = content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"<":
        return False  # markup wins over a server that labels its RSS as JSON
    return start in (b"{", b"[") or "json" in content_type.lower()


def _prolog(content: bytes) -> bytes:
    """The start of the document as ASCII-ish bytes, comments removed.

    Dropping NUL bytes makes UTF-16/32 markup searchable with the same patterns.
    """
    head = content[:65536]
    if b"\x00" in head[:4]:
        head = head.replace(b"\x00", b"")
    return _COMMENT.sub(b"", head)


def _root_name(head: bytes) -> str:
    match = _FIRST_ELEMENT.search(head)
    if match is None:
        raise FeedError("not a feed: no XML or JSON found")
    root = match.group(1).decode("ascii", "replace").rsplit(":", 1)[-1].lower()
    if re.search(rb"<!doctype\s+html", head[: match.start()], re.IGNORECASE):
        root = "html"
    if root == "entry":
        raise FeedError("not a feed: a single Atom entry, not a feed")
    return root


def _refuse_entity_tricks(head: bytes) -> None:
    """Refuse entity declarations that could expand hugely or reach outside the document.

    feedparser already strips such declarations before its XML parser sees them; this is
    defence in depth so a future feedparser change cannot turn a feed into a memory bomb.
    Short literal entities (abbreviations some old feeds declare) are still allowed.
    """
    first = _FIRST_ELEMENT.search(head)
    prolog = head[: first.start()] if first else head
    for match in _ENTITY_DECL.finditer(prolog):
        parameter, body = match.group(1), match.group(2).strip()
        if parameter or re.match(rb"(SYSTEM|PUBLIC)\b", body):
            raise FeedError("refused: the document declares external XML entities")
        if b"&" in body or b"%" in body or len(body) > _MAX_ENTITY_VALUE:
            raise FeedError("refused: the document declares nested or oversized XML entities")


def _parse_xml(content: bytes, url: str | None, headers: dict[str, str], root: str) -> ParsedFeed:
    response_headers = dict(headers)
    if url:
        response_headers["content-location"] = url
        # Without a Content-Type feedparser assumes ISO-8859-1 once any header is given;
        # the XML default (declaration, else UTF-8) is right for bytes of unknown origin.
        response_headers.setdefault("content-type", "application/xml")
    result = feedparser.parse(
        io.BytesIO(content),
        response_headers=response_headers or None,
        resolve_relative_uris=True,
        sanitize_html=False,
    )
    version = result.get("version") or ""
    entries = list(result.get("entries") or [])
    feed = result.get("feed") or {}
    # feedparser prepends an XML declaration line when there is none; count it out.
    start = content[:64].replace(b"\x00", b"").lstrip(b"\xef\xbb\xbf\xfe\xff")
    added_lines = 0 if start.startswith(b"<?xml") else 1
    warning = _warning(result, added_lines) if result.get("bozo") else None
    if not version:
        if root in _HTML_ROOTS:
            raise FeedError("not a feed: looks like an HTML page")
        if warning and not entries:
            raise FeedError(f"not a feed: {warning}")
        raise FeedError(f"not a feed: an XML document with root <{root}>")
    if not entries and not feed.get("title") and warning:
        raise FeedError(warning)
    kind = "atom" if version.startswith("atom") else "rss"
    feed_language = _language(feed.get("language"), feed.get("title_detail"))
    feed_author = _author(feed) if kind == "atom" else ""
    parsed = ParsedFeed(
        kind=kind,
        title=_text_of(feed, "title"),
        homepage=web_url(feed.get("link"), url),
        language=feed_language or _language(headers.get("content-language")),
        poll_hint=_poll_hint(feed),
        warning=warning,
    )
    for raw in entries:
        entry = _entry(raw, url, parsed.language)
        entry.author = entry.author or feed_author
        parsed.entries.append(entry)
    return parsed


def _warning(result: dict[str, Any], added_lines: int) -> str | None:
    exc = result.get("bozo_exception")
    name = type(exc).__name__
    text = " ".join(str(exc).split()) if exc is not None else ""
    if name == "NonXMLContentType":
        return None  # a server's labelling habit, not a problem with the feed
    if name == "CharacterEncodingOverride":
        # RFC 3023 makes text/xml without a charset "us-ascii"; nearly every feed has it.
        return None if "declared as us-ascii" in text else f"character encoding: {text}"
    if name == "CharacterEncodingUnknown":
        return "character encoding unknown; text may be garbled"
    if hasattr(exc, "getLineNumber") and hasattr(exc, "getMessage"):
        line = max(exc.getLineNumber() - added_lines, 1)
        return f"malformed XML at line {line}: {exc.getMessage()}"
    return f"malformed XML: {text or name}"


def _entry(raw: dict[str, Any], url: str | None, feed_language: str | None) -> FeedEntry:
    base = _base_of(raw) or url
    content = _longest_content(raw)
    summary = _html_of(raw.get("summary_detail"), raw.get("summary"))
    return FeedEntry(
        guid=(raw.get("id") or "").strip() or None,
        url=web_url(raw.get("link"), base),
        title=_text_of(raw, "title"),
        author=_author(raw),
        published_at=_utc(raw.get("published_parsed") or raw.get("updated_parsed")),
        summary_html=summary,
        content_html=content,
        tags=_tags(raw.get("tags")),
        image_url=_image(raw, base),
        language=_entry_language(raw) or feed_language,
    )


def _base_of(raw: dict[str, Any]) -> str | None:
    for key in ("title_detail", "summary_detail"):
        base = (raw.get(key) or {}).get("base")
        if base:
            return base
    return None


def _longest_content(raw: dict[str, Any]) -> str:
    values = [_html_of(part, part.get("value")) for part in raw.get("content") or []]
    return max(values, key=len, default="")


def _html_of(detail: dict[str, Any] | None, value: str | None) -> str:
    """Raw HTML of a text construct; plain-text constructs are escaped so they stay text."""
    if not value:
        return ""
    if detail and detail.get("type") == "text/plain":
        return html.escape(value, quote=False)
    return value


def _text_of(data: dict[str, Any], key: str) -> str:
    value = data.get(key) or ""
    detail = data.get(f"{key}_detail") or {}
    if detail.get("type") in ("text/html", "application/xhtml+xml"):
        return plain_text(value)
    # Plain text still gets entity references decoded: double-escaped titles are common.
    return " ".join(html.unescape(value).split())


def plain_text(markup: str) -> str:
    """Text of an HTML fragment on one line, entities decoded (twice: double-escaped titles
    are common). Never raises: markup that html.parser gives up on (`<![` in an author's
    name) still yields its words, and the entry keeps its other fields."""
    return " ".join(html.unescape(to_text(markup)).split())


def _author(data: dict[str, Any]) -> str:
    detail = data.get("author_detail") or {}
    name = detail.get("name") or data.get("author") or ""
    return " ".join(plain_text(name).split())


def _utc(parsed: Any) -> datetime | None:
    """feedparser's struct_time is already UTC; make it an aware datetime."""
    if not parsed:
        return None
    try:
        year, month, day, hour, minute, second = parsed[:6]
        return datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
    except (ValueError, TypeError):
        return None


def _tags(raw_tags: list[dict[str, Any]] | None) -> list[str]:
    tags: list[str] = []
    for tag in raw_tags or []:
        text = " ".join(str(tag.get("label") or tag.get("term") or "").split())
        if text and text not in tags:
            tags.append(text)
    return tags


def _image(raw: dict[str, Any], base: str | None) -> str | None:
    candidates = [item.get("url") for item in raw.get("media_thumbnail") or []]
    for item in raw.get("media_content") or []:
        kind = item.get("medium") or (item.get("type") or "").split("/")[0]
        if kind == "image":
            candidates.append(item.get("url"))
    for link in raw.get("links") or []:
        if link.get("rel") == "enclosure" and (link.get("type") or "").startswith("image/"):
            candidates.append(link.get("href"))
    candidates.append((raw.get("image") or {}).get("href"))
    for candidate in candidates:
        absolute = web_url(candidate, base)
        if absolute:
            return absolute
    return None


def _entry_language(raw: dict[str, Any]) -> str | None:
    details = [raw.get("title_detail"), raw.get("summary_detail"), *(raw.get("content") or [])]
    for detail in details:
        language = _language((detail or {}).get("language"))
        if language:
            return language
    return None


def _language(value: Any, detail: dict[str, Any] | None = None) -> str | None:
    if not value and detail:
        value = detail.get("language")
    if not isinstance(value, str):
        return None
    value = value.strip().replace("_", "-")
    return value[:35] if re.fullmatch(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*", value) else None


def _poll_hint(feed: dict[str, Any]) -> int | None:
    """The longest interval the publisher asked for, in seconds."""
    hints = []
    ttl = _positive_int(feed.get("ttl"))
    if ttl:
        hints.append(ttl * 60)
    period = _PERIODS.get(str(feed.get("sy_updateperiod") or "").strip().lower())
    if period:
        frequency = _positive_int(feed.get("sy_updatefrequency")) or 1
        hints.append(max(period // frequency, 1))
    return max(hints) if hints else None


def _positive_int(value: Any) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 10**7 else None

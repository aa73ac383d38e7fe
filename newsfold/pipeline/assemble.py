"""Turn what a feed, a page or a text dump gave into Drafts.

Published time, first found wins: the page's own date, then the feed's, then a date in the
URL, then the time we fetched it.
"""

from __future__ import annotations

from datetime import datetime

from newsfold.pipeline.dates import date_from_url
from newsfold.pipeline.sanitize import sanitize, to_text
from newsfold.pipeline.types import Draft, DumpArticle, Extracted, FeedEntry
from newsfold.pipeline.urls import web_url

# Entries whose text is shorter than this are taken for summaries, worth fetching the page.
SUMMARY_CHARS = 500


def entry_html(entry: FeedEntry) -> str:
    return entry.content_html or entry.summary_html


def needs_page(entry: FeedEntry) -> bool:
    """An entry with no full content (only a teaser) is worth its linked page."""
    if not entry.url:
        return False
    return not entry.content_html or len(to_text(entry.content_html)) < SUMMARY_CHARS


def first_time(*candidates: datetime | None) -> datetime | None:
    return next((c for c in candidates if c is not None), None)


def from_entry(
    entry: FeedEntry,
    fetched_at: datetime,
    *,
    base_url: str | None = None,
    page: Extracted | None = None,
    feed_language: str | None = None,
) -> Draft:
    """One draft from a feed entry, with its page's extraction when we fetched one."""
    html = sanitize(entry_html(entry), base_url=entry.url or base_url)
    text = to_text(html)
    if page is not None and len(page.text) > len(text):
        text, html = page.text, page.html
    published = first_time(
        page.published_at if page else None,
        entry.published_at,
        date_from_url(entry.url or ""),
        fetched_at,
    )
    return Draft(
        title=entry.title or (page.title if page else "") or _first_words(text),
        text=text,
        html=html,
        url=entry.url or "",
        guid=entry.guid or "",
        author=entry.author or (page.author if page else ""),
        published_at=published,
        language=entry.language or (page.language if page else None) or feed_language or "",
        image_url=entry.image_url or (page.image_url if page else None) or "",
        tags=list(dict.fromkeys(entry.tags + (page.tags if page else []))),
        fetched_at=fetched_at,
    )


def from_page(page: Extracted, url: str, fetched_at: datetime) -> Draft:
    return Draft(
        title=page.title or _first_words(page.text),
        text=page.text,
        html=page.html,
        url=web_url(page.url or url) or "",  # a saved page may name any address
        author=page.author,
        published_at=first_time(page.published_at, date_from_url(page.url or url), fetched_at),
        language=page.language or "",
        image_url=page.image_url or "",
        tags=list(page.tags),
        fetched_at=fetched_at,
        outlet=page.site_name,
    )


def from_dump(article: DumpArticle, captured_at: datetime) -> Draft:
    html = "".join(f"<p>{_escape(p)}</p>" for p in article.text.split("\n\n") if p.strip())
    return Draft(
        title=article.title,
        text=article.text,
        html=html,
        published_at=article.published_at or captured_at,
        fetched_at=captured_at,
        outlet=article.outlet or "",
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _first_words(text: str, limit: int = 12) -> str:
    words = text.split()
    return " ".join(words[:limit]) + ("…" if len(words) > limit else "")

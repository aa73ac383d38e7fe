"""Feeds out written as RSS 2.0 and Atom 1.0 (feedgen) or JSON Feed 1.1, and answered.

Every field that a reader shows as text goes out as text: Atom's title and summary are
`type="text"`, JSON Feed's strings are plain. RSS is the exception: readers render an
item's description as HTML, so it is written here from plain text, escaped, and passed
through the pipeline's sanitiser like any other HTML we serve. Characters XML cannot carry
(C0 controls a hostile feed may have left in a title) are dropped before any format.

Answers are cached briefly by anyone for public feeds and by the reader's own client only
for a personal one. The ETag is a hash of the body, not the newest item's time: an item
leaving a feed (a story merged, a new mute) changes the body but no time.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from datetime import UTC, datetime

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.html import format_html
from feedgen.ext.base import BaseEntryExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem
from lxml import etree

from newsfold.api.feeditems import Entry, Feed
from newsfold.pipeline.sanitize import sanitize

MAX_AGE = 300  # seconds a feed may be kept; feed readers poll every 15 minutes or more
TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "json": "application/feed+json",
}
JSON_FEED = "https://jsonfeed.org/version/1.1"
UNTITLED = "Untitled"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def text(value: str) -> str:
    """`value` without the characters XML 1.0 cannot hold (a feed with them is not XML)."""
    return _NOT_XML.sub("", value or "")


def _newest(feed: Feed) -> datetime:
    # An empty feed has no time of its own; the epoch keeps its body (and ETag) stable.
    return max((e.updated for e in feed.entries), default=datetime(1970, 1, 1, tzinfo=UTC))


def _generator(feed: Feed, fmt: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(feed.address["atom"])
    fg.title(text(feed.title))
    fg.author(name=settings.NEWSFOLD_SITE_NAME)
    fg.link(href=feed.address[fmt], rel="self", type=TYPES[fmt].split(";")[0])
    fg.link(href=feed.page, rel="alternate", type="text/html")  # the last link is RSS's
    fg.language("en")
    fg.generator("newsfold")
    fg.updated(_newest(feed))
    return fg


def _rss_html(entry: Entry) -> str:
    """The item's description: its summary and a link to the original, as escaped HTML."""
    parts = [format_html("<p>{}</p>", text(entry.summary))] if entry.summary else []
    if entry.original:
        parts.append(
            format_html(
                '<p><a href="{}">{}</a></p>',
                entry.original,
                f"Original at {text(entry.outlet.name)}",
            )
        )
    return sanitize("".join(parts))


class _AtomLinks(BaseEntryExtension):
    """An Atom entry's links as given. feedgen 1.0 writes them without their rel and type,
    so the link to the original would read as a second page of ours ("alternate")."""

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []

    def extend_atom(self, entry):
        for element in list(entry):
            if etree.QName(element).localname == "link":
                entry.remove(element)
        for link in self.links:
            xml_elem("link", entry, **link)
        return entry


def rss(feed: Feed) -> bytes:
    fg = _generator(feed, "rss")
    fg.load_extension("dc", atom=False, rss=True)
    fg.description(format_html("{}", text(feed.description)))
    fg.ttl(MAX_AGE // 60)
    for entry in feed.entries:
        item = fg.add_entry(order="append")
        item.title(text(entry.title) or UNTITLED)
        item.link(href=entry.link, rel="alternate")
        item.guid(entry.id, permalink=True)
        item.description(_rss_html(entry) or format_html("{}", text(entry.title)))
        item.pubDate(entry.published)
        item.dc.dc_creator(text(entry.outlet.name))
        item.source(url=entry.outlet.feed, title=text(entry.outlet.name))
        if entry.section:
            item.category(term=entry.section[0], label=entry.section[1])
    return fg.rss_str()


def atom(feed: Feed) -> bytes:
    fg = _generator(feed, "atom")
    fg.subtitle(text(feed.description))
    for entry in feed.entries:
        item = fg.add_entry(order="append")
        item.id(entry.id)
        item.title(text(entry.title) or UNTITLED)
        item.link(href=entry.link, rel="alternate")  # feedgen asks for one
        item.register_extension("links", _AtomLinks, atom=True, rss=False)
        item.links.links.append({"rel": "alternate", "type": "text/html", "href": entry.link})
        if entry.original:
            item.links.links.append({"rel": "via", "href": entry.original})
        item.author(name=text(entry.outlet.name) or UNTITLED, uri=entry.outlet.page)
        item.published(entry.published)
        item.updated(entry.updated)
        if entry.summary:
            item.summary(text(entry.summary), type="text")
        if entry.section:
            item.category(term=entry.section[0], label=entry.section[1])
    return fg.atom_str()


def json_feed(feed: Feed) -> bytes:
    items = []
    for entry in feed.entries:
        item = {
            "id": entry.id,
            "url": entry.link,
            "title": text(entry.title) or UNTITLED,
            "content_text": text(entry.summary),
            "date_published": entry.published.isoformat(),
            "date_modified": entry.updated.isoformat(),
            "authors": [{"name": text(entry.outlet.name), "url": entry.outlet.page}],
        }
        if entry.original:
            item["external_url"] = entry.original
        if entry.summary:
            item["summary"] = text(entry.summary)
        if entry.section:
            item["tags"] = [entry.section[1]]
        if entry.language:
            item["language"] = entry.language
        items.append(item)
    document = {
        "version": JSON_FEED,
        "title": text(feed.title),
        "home_page_url": feed.page,
        "feed_url": feed.address["json"],
        "description": text(feed.description),
        "language": "en",
        "items": items,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


WRITERS: dict[str, Callable[[Feed], bytes]] = {"rss": rss, "atom": atom, "json": json_feed}


def respond(request, feed: Feed, fmt: str) -> HttpResponse:
    body = WRITERS[fmt](feed)
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    response = HttpResponse(body, content_type=TYPES[fmt])
    response["ETag"] = etag
    if feed.personal:
        patch_cache_control(response, private=True, max_age=MAX_AGE)
        response["X-Robots-Tag"] = "noindex"
    else:
        patch_cache_control(response, public=True, max_age=MAX_AGE)
    return get_conditional_response(request, etag=etag, response=response)

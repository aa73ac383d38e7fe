"""The plain data that flows between pipeline steps.

Every step takes and returns these dataclasses, so a step can be tested, benchmarked or
reused without a database. Times are timezone-aware UTC datetimes.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class FetchPolicy:
    """How politely and how defensively to fetch; built from settings by the caller."""

    user_agent: str = "newsfold/0.1 (+https://github.com/newsfold/newsfold)"
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    allow_private: bool = False
    # Addresses or networks (CIDR) allowed even when private networks are not,
    # e.g. ("127.0.0.1",) in tests.
    allowed_networks: tuple[str, ...] = ()
    per_host_limit: int = 2
    respect_robots: bool = True
    # Politeness shared by every process (`Shared`); None: this process's own, in memory.
    shared: Shared | None = field(default=None, compare=False)


class Shared(Protocol):
    """What every fetching process on every machine must agree on, kept where they all
    see it (the database, a shared cache): a host's connection slots and its robots.txt."""

    def host_slot(self, host: str, limit: int, wait: float) -> AbstractContextManager[None]:
        """Hold one of the host's `limit` slots; raise `HostBusy` after `wait` seconds."""
        ...

    def robots_get(self, robots_url: str) -> tuple[bool, str | None]:
        """(known, text): whether the robots.txt is remembered, and its text (None: no
        usable file, so everything is allowed)."""
        ...

    def robots_set(self, robots_url: str, text: str | None, seconds: int) -> None: ...


@dataclass(frozen=True)
class FetchResult:
    url: str  # final URL, after redirects
    status: int
    content: bytes
    headers: dict[str, str]  # lower-cased names
    fetched_at: datetime
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass
class FeedEntry:
    """One item of a feed, before extraction. HTML fields are raw, not yet sanitised."""

    guid: str | None = None
    url: str | None = None
    title: str = ""
    author: str = ""
    published_at: datetime | None = None
    summary_html: str = ""
    content_html: str = ""
    tags: list[str] = field(default_factory=list)
    image_url: str | None = None
    language: str | None = None


@dataclass
class ParsedFeed:
    kind: str  # "rss", "atom", "json"
    title: str = ""
    homepage: str | None = None
    language: str | None = None
    entries: list[FeedEntry] = field(default_factory=list)
    # Seconds between polls the publisher asks for (ttl, sy:updatePeriod); None if silent.
    poll_hint: int | None = None
    # A recoverable problem (e.g. malformed XML that still yielded entries).
    warning: str | None = None
    # Entries the document had beyond the most one read takes (the oldest are left out).
    cut: int = 0


@dataclass(frozen=True)
class Outline:
    """One feed of an OPML subscription list."""

    xml_url: str
    title: str = ""
    html_url: str | None = None
    folder: str = ""
    # Other outline attributes worth keeping (region, country, language…); not hashed,
    # so outlines stay usable in sets.
    attrs: dict[str, str] = field(default_factory=dict, hash=False)


@dataclass
class Extracted:
    """What extraction found in one HTML page. `html` is already sanitised."""

    text: str  # main text, paragraphs separated by blank lines
    html: str = ""  # structured body: p, h2-h4, ul/ol/li, blockquote, a, img, figure
    title: str = ""
    author: str = ""
    published_at: datetime | None = None
    image_url: str | None = None
    language: str | None = None
    site_name: str = ""
    url: str | None = None  # canonical URL if the page declares one
    tags: list[str] = field(default_factory=list)


@dataclass
class DumpArticle:
    """One article read from a plain-text page dump."""

    title: str
    text: str
    outlet: str | None = None
    published_at: datetime | None = None


@dataclass
class PageDump:
    """A plain-text capture of an aggregator page: its main article and the related ones."""

    main: DumpArticle
    related: list[DumpArticle] = field(default_factory=list)


@dataclass
class Draft:
    """An article ready to store: the pipeline's output, whatever it was read from."""

    title: str
    text: str
    html: str = ""
    url: str = ""
    guid: str = ""
    author: str = ""
    published_at: datetime | None = None
    language: str = ""
    image_url: str = ""
    tags: list[str] = field(default_factory=list)
    fetched_at: datetime | None = None
    # The outlet as the input names it (dump lines, og:site_name), when there is no feed.
    outlet: str = ""

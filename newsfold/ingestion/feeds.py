"""Fetch a feed or a page through the pipeline and store what it gave.

Every outcome lands on the feed where its owner looks: last fetch, consecutive failures,
the last error in one line, the next fetch time (back-off after failures, Retry-After
honoured) and a trimmed history of attempts.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from newsfold.news import store
from newsfold.news.store import ADDED, FOLDED, SKIPPED, UPDATED
from newsfold.pipeline import assemble
from newsfold.pipeline.extract import extract
from newsfold.pipeline.feeds import FeedError, parse_feed
from newsfold.pipeline.fetch import FetchError, HTTPStatusError, fetch
from newsfold.pipeline.schedule import backoff_delay, poll_interval
from newsfold.pipeline.types import Draft, Extracted, FeedEntry, ParsedFeed
from newsfold.sources.models import Feed, FetchAttempt, Source
from newsfold.sources.outlets import outlet, settle_feed_outlet
from newsfold.sources.policy import fetch_policy

log = logging.getLogger(__name__)

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9,"
    " application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)


@dataclass
class Tally:
    """How many drafts went where; shared by fetches and imports."""

    added: int = 0
    folded: int = 0
    updated: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        name = {ADDED: "added", FOLDED: "folded", UPDATED: "updated", SKIPPED: "skipped"}
        setattr(self, name[outcome], getattr(self, name[outcome]) + 1)


def parse_capped(content: bytes, **where) -> ParsedFeed:
    """A feed document, cut to NEWSFOLD_MAX_ENTRIES entries for fetches and imports alike."""
    return parse_feed(content, max_entries=settings.NEWSFOLD_MAX_ENTRIES, **where)


def notices(parsed: ParsedFeed, tally: Tally | None = None) -> str:
    """What a document that was read still left out or read with trouble, in one line."""
    found = [parsed.warning] if parsed.warning else []
    if tally is not None and tally.failed:
        found.append(f"{tally.failed:,} entries could not be stored (details in the log)")
    if parsed.cut:
        kept = len(parsed.entries)
        found.append(
            f"kept the newest {kept:,} of {kept + parsed.cut:,} entries (NEWSFOLD_MAX_ENTRIES)"
        )
    return "; ".join(found)


def fetch_feed(feed: Feed) -> FetchAttempt:
    """Fetch one feed now. Never raises for the feed's own faults: they are recorded."""
    started = timezone.now()
    clock = time.monotonic()
    # Recorded before anything is stored: a worker stopped mid-fetch leaves a fetch that
    # says so, not a feed with articles and "never fetched". The end of the fetch rewrites it.
    attempt = FetchAttempt.objects.create(
        feed=feed, started_at=started, outcome=FetchAttempt.ERROR, error=STOPPED
    )
    Feed.objects.filter(pk=feed.pk).update(last_fetch_at=started)
    retry_after = None
    try:
        result = fetch(
            feed.url,
            fetch_policy(),
            etag=feed.etag or None,
            last_modified=feed.last_modified or None,
            accept=FEED_ACCEPT,
        )
        attempt.status_code = result.status
        if result.not_modified:
            attempt.outcome = FetchAttempt.NOT_MODIFIED
            hint = None
        else:
            parsed = parse_capped(result.content, url=result.url, headers=result.headers)
            tally = store_entries(
                settle_feed_outlet(feed, parsed.title, parsed.homepage),
                parsed.entries,
                feed=feed,
                base_url=result.url,
                fetched_at=started,
                language=parsed.language,
                fetch_pages=feed.fetch_pages,
            )
            attempt.outcome = FetchAttempt.OK
            attempt.entries = len(parsed.entries)
            attempt.added, attempt.folded = tally.added, tally.folded
            attempt.error = notices(parsed, tally)
            feed.etag = (result.etag or "")[:500]
            feed.last_modified = (result.last_modified or "")[:100]
            if parsed.title and not feed.title:
                feed.title = parsed.title[:500]
            hint = parsed.poll_hint
        feed.poll_interval = poll_interval(
            hint,
            result.headers.get("cache-control"),
            minimum=settings.NEWSFOLD_POLL_MIN,
            maximum=settings.NEWSFOLD_POLL_MAX,
            default=settings.NEWSFOLD_POLL_DEFAULT,
        )
    except (FetchError, FeedError) as exc:
        attempt.outcome = FetchAttempt.ERROR
        attempt.error = exc.message
        if isinstance(exc, HTTPStatusError):
            attempt.status_code = exc.status
            retry_after = exc.retry_after
    except Exception as exc:
        # A fault of ours that this document found: it costs this feed one recorded error
        # (the traceback goes to the log), never the feeds fetched after it.
        log.exception("feed %s: unexpected error", feed.url)
        attempt.outcome = FetchAttempt.ERROR
        attempt.error = unexpected(exc)
    attempt.duration_ms = int((time.monotonic() - clock) * 1000)
    _record(feed, attempt, retry_after)
    return attempt


STOPPED = "the fetch was stopped before it finished (the worker ended); it is fetched again"


def record_failure(feed_id: int, exc: Exception) -> None:
    """A fetch that failed outside the feed's own faults (the database, say): recorded as
    an error attempt with the feed's back-off, so that the schedule retries it once, later."""
    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is None:
        return
    attempt = FetchAttempt(
        feed=feed, started_at=timezone.now(), outcome=FetchAttempt.ERROR, error=unexpected(exc)
    )
    try:
        _record(feed, attempt, None)
    except Exception:
        # The database may be what failed: at least clear the claim and move the next fetch.
        log.exception("feed %s: the failure could not be recorded", feed_id)
        later = timezone.now() + timedelta(seconds=settings.NEWSFOLD_BACKOFF_BASE)
        Feed.objects.filter(pk=feed_id).update(queued_at=None, next_fetch_at=later)


def unexpected(exc: Exception) -> str:
    """The one line an operator reads for an error newsfold did not expect."""
    detail = " ".join(str(exc).split())[:200]
    name = type(exc).__name__
    return f"newsfold could not read this ({name}: {detail}); details in the log"


def _record(feed: Feed, attempt: FetchAttempt, retry_after: int | None) -> None:
    now = timezone.now()
    feed.last_fetch_at = attempt.started_at
    feed.queued_at = None
    if attempt.outcome == FetchAttempt.ERROR:
        feed.consecutive_failures += 1
        feed.last_error = attempt.error
        delay = backoff_delay(
            feed.consecutive_failures,
            base=settings.NEWSFOLD_BACKOFF_BASE,
            maximum=settings.NEWSFOLD_POLL_MAX,
            retry_after=retry_after,
        )
    else:
        feed.consecutive_failures = 0
        feed.last_error = ""
        if attempt.outcome == FetchAttempt.OK:
            feed.notice = attempt.error
        feed.last_success_at = attempt.started_at
        delay = feed.poll_interval
    feed.next_fetch_at = now + timedelta(seconds=delay)
    feed.save()
    attempt.save()
    keep = settings.NEWSFOLD_FETCH_HISTORY
    stale = feed.attempts.order_by("-started_at", "-id").values_list("id", flat=True)[keep:]
    FetchAttempt.objects.filter(id__in=list(stale)).delete()
    log.info("feed %s: %s %s", feed.url, attempt.outcome, attempt.error)


def store_entries(
    source: Source,
    entries: list[FeedEntry],
    *,
    feed: Feed | None,
    base_url: str | None,
    fetched_at,
    language: str | None,
    fetch_pages: bool,
    progress: Callable[[int, int], None] | None = None,
) -> Tally:
    """Store a feed's entries; one bad entry is counted and skipped, the others go on.
    `progress(done, total)` hears of each entry stored. Entries go in `store.batch`es, their
    pages fetched before each batch begins (no transaction waits on the network)."""
    tally = Tally()
    for start in range(0, len(entries), store.BATCH):
        chunk = entries[start : start + store.BATCH]
        pages = _pages(chunk, source, tally) if fetch_pages else {}
        with store.batch():
            for done, entry in enumerate(chunk, start + 1):
                try:
                    draft = assemble.from_entry(
                        entry,
                        fetched_at,
                        base_url=base_url,
                        page=pages.get(entry.url),
                        feed_language=language,
                    )
                    tally.count(store.store(draft, source, feed).outcome)
                except Exception as exc:
                    _failed(entry, exc, tally)
                if progress is not None:
                    progress(done, len(entries))
    return tally


def _pages(chunk: list[FeedEntry], source: Source, tally: Tally) -> dict[str, Extracted | None]:
    """The article pages of the summary entries not stored in full yet, by address."""
    pages: dict[str, Extracted | None] = {}
    for entry in chunk:
        if assemble.needs_page(entry) and entry.url not in pages and not _stored(source, entry):
            pages[entry.url] = _page_or_none(entry.url, tally)
    return pages


def _failed(entry: FeedEntry, exc: Exception, tally: Tally) -> None:
    log.exception("entry %s: unexpected error", entry.url or entry.guid)
    tally.failed += 1
    name = entry.url or entry.guid or repr(entry.title)
    tally.errors.append(f"entry {name} not stored: {unexpected(exc)}")


def _stored(source: Source, entry: FeedEntry) -> bool:
    """A summary entry we already stored a full page for needs no second page fetch."""
    copies = source.copies.filter(url=entry.url) if entry.url else source.copies.none()
    return copies.filter(text_length__gte=assemble.SUMMARY_CHARS).exists()


def _page_or_none(url: str | None, tally: Tally) -> Extracted | None:
    try:
        policy = fetch_policy()
        result = fetch(url, policy, check_robots=policy.respect_robots)
        return extract(result.content, url=result.url)
    except FetchError as exc:
        tally.errors.append(f"page not fetched: {url}: {exc.message}")
    except Exception as exc:  # the entry is still stored, from the feed's own text
        log.exception("page %s: unexpected error", url)
        tally.errors.append(f"page not read: {url}: {unexpected(exc)}")
    return None


def fetch_page(url: str, source_name: str = "") -> tuple[str, int | None, Draft]:
    """Fetch one article page and store it; raises FetchError for the caller to report."""
    policy = fetch_policy()
    result = fetch(url, policy, check_robots=policy.respect_robots)
    page = extract(result.content, url=result.url)
    draft = assemble.from_page(page, result.url, timezone.now())
    # A name the user gave is taken as given; a page's own site name varies, its host less.
    source = outlet(
        source_name or draft.outlet, url=draft.url or result.url, host_first=not source_name
    )
    stored = store.store(draft, source)
    return stored.outcome, stored.article_id, draft

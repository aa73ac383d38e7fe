"""Acceptance: fetching feeds from a real local HTTP server, and what lands on the feed."""

import gzip
from datetime import timedelta

import pytest
from django.utils import timezone

from newsfold.ingestion.feeds import fetch_feed
from newsfold.news.models import Article, ArticleCopy
from newsfold.sources.models import Feed, FetchAttempt
from newsfold.sources.outlets import outlet
from tests.conftest import LocalServer, Route
from tests.ingest.feedbuilder import rss

pytestmark = pytest.mark.django_db


def _feed(url: str) -> Feed:
    return Feed.objects.create(url=url, source=outlet("Harbour Ledger"))


def test_a_feed_with_an_etag_is_fetched_conditionally_and_stores_nothing_twice(local_server):
    body = rss([1, 2, 3])

    def answer(headers):
        if headers.get("if-none-match") == '"v1"':
            return 304, b"", {"ETag": '"v1"'}
        return 200, body, {"ETag": '"v1"', "Content-Type": "application/rss+xml"}

    local_server.routes["/feed.xml"] = Route(handler=answer)
    feed = _feed(local_server.url("/feed.xml"))

    first = fetch_feed(feed)
    assert (first.outcome, first.added) == (FetchAttempt.OK, 3)
    second = fetch_feed(feed)

    assert local_server.hits("/feed.xml")[1].get("if-none-match") == '"v1"'
    assert second.outcome == FetchAttempt.NOT_MODIFIED
    assert Article.objects.count() == 3
    assert ArticleCopy.objects.count() == 3


def test_refetching_an_unchanged_feed_without_etag_adds_nothing(local_server):
    local_server.routes["/feed.xml"] = Route(body=rss([1, 2]))
    feed = _feed(local_server.url("/feed.xml"))
    fetch_feed(feed)
    again = fetch_feed(feed)
    assert again.outcome == FetchAttempt.OK and again.added == 0
    assert ArticleCopy.objects.count() == 2


def test_429_with_retry_after_delays_the_next_attempt(local_server):
    local_server.routes["/feed.xml"] = Route(status=429, headers={"Retry-After": "7200"})
    feed = _feed(local_server.url("/feed.xml"))
    before = timezone.now()
    fetch_feed(feed)
    feed.refresh_from_db()
    assert feed.next_fetch_at >= before + timedelta(seconds=7200)
    assert feed.consecutive_failures == 1
    assert "429" in feed.last_error


def test_failures_back_off_exponentially(local_server):
    local_server.routes["/feed.xml"] = Route(status=500)
    feed = _feed(local_server.url("/feed.xml"))
    delays = []
    for _ in range(3):
        start = timezone.now()
        fetch_feed(feed)
        feed.refresh_from_db()
        delays.append((feed.next_fetch_at - start).total_seconds())
    assert delays[0] < delays[1] < delays[2]
    assert feed.consecutive_failures == 3


def test_a_redirect_to_loopback_is_refused_when_private_networks_are_not_allowed(settings):
    # This server is on 127.0.0.2 and allowed by name; 127.0.0.1 is not allowed here.
    settings.NEWSFOLD_ALLOWED_NETWORKS = ["127.0.0.2"]
    server = LocalServer("127.0.0.2")
    inner = LocalServer("127.0.0.1")
    try:
        inner.routes["/feed.xml"] = Route(body=rss([1]))
        server.routes["/feed.xml"] = Route(status=302, headers={"Location": inner.url("/feed.xml")})
        feed = _feed(server.url("/feed.xml"))
        attempt = fetch_feed(feed)
        feed.refresh_from_db()
    finally:
        server.close()
        inner.close()
    assert attempt.outcome == FetchAttempt.ERROR
    assert "127.0.0.1" in feed.last_error
    assert inner.requests == []  # refused before any connection
    assert Article.objects.count() == 0


def test_a_20_mb_body_is_refused(local_server):
    local_server.routes["/big.xml"] = Route(body=b"<rss>" + b" " * (20 * 1024 * 1024))
    feed = _feed(local_server.url("/big.xml"))
    fetch_feed(feed)
    feed.refresh_from_db()
    assert feed.consecutive_failures == 1
    assert "large" in feed.last_error.lower()


def test_a_gzip_bomb_is_refused(local_server):
    bomb = gzip.compress(b"<rss>" + b"\0" * (64 * 1024 * 1024))
    assert len(bomb) < 200_000
    local_server.routes["/bomb.xml"] = Route(body=bomb, headers={"Content-Encoding": "gzip"})
    feed = _feed(local_server.url("/bomb.xml"))
    fetch_feed(feed)
    feed.refresh_from_db()
    assert "large" in feed.last_error.lower()


def test_a_malformed_feed_is_recorded_and_the_other_feeds_go_on(local_server):
    local_server.routes["/broken.xml"] = Route(body=b"<html><body>Maintenance</body></html>")
    local_server.routes["/good.xml"] = Route(body=rss([4, 5]))
    broken = _feed(local_server.url("/broken.xml"))
    good = Feed.objects.create(url=local_server.url("/good.xml"), source=outlet("Other Desk"))
    for feed in (broken, good):
        fetch_feed(feed)
    broken.refresh_from_db()
    good.refresh_from_db()
    assert broken.status == "failing" and broken.last_error
    assert good.status == "ok"
    assert Article.objects.filter(source=good.source).count() == 2


def test_the_feeds_ttl_sets_the_poll_interval_within_bounds(local_server, settings):
    settings.NEWSFOLD_POLL_MIN = 900
    local_server.routes["/slow.xml"] = Route(body=rss([1], extra="<ttl>180</ttl>"))
    local_server.routes["/eager.xml"] = Route(body=rss([2], extra="<ttl>1</ttl>"))
    slow, eager = _feed(local_server.url("/slow.xml")), _feed(local_server.url("/eager.xml"))
    fetch_feed(slow)
    fetch_feed(eager)
    slow.refresh_from_db()
    eager.refresh_from_db()
    assert slow.poll_interval == 180 * 60
    assert eager.poll_interval == 900  # a publisher cannot make us poll every minute


def test_fetch_history_is_trimmed(local_server, settings):
    settings.NEWSFOLD_FETCH_HISTORY = 3
    local_server.routes["/feed.xml"] = Route(body=rss([1]))
    feed = _feed(local_server.url("/feed.xml"))
    for _ in range(5):
        fetch_feed(feed)
    assert feed.attempts.count() == 3

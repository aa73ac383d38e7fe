"""Readers outgrow one box: several web processes, each as on a machine of its own, share
PostgreSQL and Redis. A page one of them rendered is served by the other from the shared
cache, and an article stored anywhere shows on every one at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from newsfold.news.models import Article
from newsfold.news.store import store
from newsfold.pipeline.types import Draft
from newsfold.sources.outlets import outlet
from tests.conftest import get_page, served
from tests.news.test_concurrent_store import EVENT

pytestmark = pytest.mark.django_db(transaction=True)
PUBLIC = "https://news.example"  # behind one load balancer, every process builds one address


def _store(n: int, when: datetime) -> Article:
    title, text = EVENT[n]
    draft = Draft(
        title=title,
        text=text,
        url=f"https://outlet{n}.example/fire",
        published_at=when,
        fetched_at=when,
    )
    return Article.objects.get(pk=store(draft, outlet(f"Outlet {n}")).article_id)


@pytest.fixture
def two_machines(cli, _cache_of_our_own):
    if connection.vendor != "postgresql" or "REDIS_URL" not in _cache_of_our_own:
        pytest.skip("several machines share PostgreSQL and Redis: `make test-postgres` runs this")
    env = cli.environ({"NEWSFOLD_BASE_URL": PUBLIC})
    with served(env) as first, served(env) as second:
        yield first, second


def test_web_processes_share_pages_and_see_new_articles_at_once(two_machines, _cache_of_our_own):
    import redis

    first, second = two_machines
    now = datetime.now(UTC)
    lead = _store(0, now - timedelta(hours=2))
    path = f"/s/{lead.story_id}/"
    shared = redis.Redis.from_url(_cache_of_our_own["REDIS_URL"])

    page = get_page(first, path)
    assert EVENT[0][0] in page
    kept = set(shared.scan_iter("*newsfold:page:*"))
    assert kept, "the first process kept its page in Redis"
    hits = shared.info("stats")["keyspace_hits"]
    assert get_page(second, path) == page
    # The second process read the first one's page from Redis and kept no page of its own.
    assert shared.info("stats")["keyspace_hits"] > hits
    assert set(shared.scan_iter("*newsfold:page:*")) == kept

    joined = _store(1, now - timedelta(hours=1))
    assert joined.story_id == lead.story_id
    for port in (first, second):
        assert EVENT[1][0] in get_page(port, path)

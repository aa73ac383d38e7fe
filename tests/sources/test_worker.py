"""Background work with real worker processes on the real test database."""

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta

from django.utils import timezone

from newsfold.ingestion.tasks import enrich, queue_due_feeds, queue_enrichment
from newsfold.news.models import Article, ArticleInsight, StoryInsight
from newsfold.sources.models import Feed
from newsfold.sources.outlets import outlet
from tests.conftest import ROOT, Route, database_url
from tests.ingest.feedbuilder import rss


def _worker(*args: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url(), "NEWSFOLD_ALLOWED_NETWORKS": "127.0.0.1"}
    return subprocess.Popen(
        [sys.executable, "-m", "newsfold", "worker", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def test_the_scheduler_queues_due_feeds_and_a_worker_fetches_them(transactional_db, local_server):
    local_server.routes["/feed.xml"] = Route(body=rss([1, 2]))
    due = Feed.objects.create(url=local_server.url("/feed.xml"), source=outlet("Harbour Ledger"))
    later = Feed.objects.create(
        url=local_server.url("/later.xml"),
        source=outlet("Harbour Ledger"),
        next_fetch_at=timezone.now() + timedelta(hours=1),
    )
    assert queue_due_feeds() == 1
    assert queue_due_feeds() == 0  # already queued: not twice
    worker = _worker("--batch")
    out, _ = worker.communicate(timeout=120)
    assert worker.returncode == 0, out
    due.refresh_from_db()
    later.refresh_from_db()
    assert Article.objects.count() == 2
    assert due.queued_at is None and due.last_success_at is not None
    assert later.last_fetch_at is None
    # The fetch queued the AI features of what it stored, and the worker computed them.
    assert ArticleInsight.objects.count() == 2
    assert StoryInsight.objects.filter(story__articles__isnull=False).exists()


def test_enrichment_is_queued_once_however_often_it_is_asked(transactional_db):
    from django_tasks_db.models import DBTaskResult

    assert queue_enrichment() is True
    assert queue_enrichment() is False
    assert DBTaskResult.objects.filter(task_path=enrich.module_path).count() == 1
    assert queue_enrichment(check_due=True) is False  # one is waiting already


def test_a_worker_killed_mid_task_loses_nothing(transactional_db, local_server, settings):
    started = threading.Event()

    def slow(headers):
        started.set()
        time.sleep(5)
        return 200, rss([3, 4, 5]), {}

    local_server.routes["/feed.xml"] = Route(handler=slow)
    feed = Feed.objects.create(url=local_server.url("/feed.xml"), source=outlet("Harbour Ledger"))
    queue_due_feeds()
    worker = _worker()
    assert started.wait(60), "the worker never fetched the feed"
    worker.send_signal(signal.SIGKILL)
    worker.wait(10)
    feed.refresh_from_db()
    assert feed.queued_at is not None and feed.last_fetch_at is None
    assert Article.objects.count() == 0

    # Within the lease nothing is queued again; after it, the feed is queued and fetched.
    assert queue_due_feeds() == 0
    lease = timedelta(seconds=settings.NEWSFOLD_TASK_LEASE + 1)
    assert queue_due_feeds(now=timezone.now() + lease) == 1
    local_server.routes["/feed.xml"] = Route(body=rss([3, 4, 5]))
    again = _worker("--batch")
    out, _ = again.communicate(timeout=120)
    assert again.returncode == 0, out
    assert Article.objects.count() == 3

"""Background work with real worker processes on the real test database."""

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsfold.ingestion.feeds import STOPPED, record_failure
from newsfold.ingestion.tasks import RECLAIMED, enrich, queue_due_feeds, queue_enrichment
from newsfold.news.models import Article, ArticleInsight, StoryInsight
from newsfold.sources.models import Feed
from newsfold.sources.outlets import outlet
from tests.conftest import ROOT, Route, database_url
from tests.ingest.feedbuilder import rss


def _worker(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "NEWSFOLD_ALLOWED_NETWORKS": "127.0.0.1",
        **(env or {}),
    }
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
    assert feed.queued_at is not None and Article.objects.count() == 0
    # The fetch the worker started says it was stopped; the feed is not "never fetched".
    assert feed.last_fetch_at is not None
    assert feed.attempts.get().error == STOPPED

    # Within the lease nothing is queued again; after it, the feed is queued and fetched,
    # and the task the dead worker left running is marked as lost.
    assert queue_due_feeds() == 0
    lost = DBTaskResult.objects.get(status="RUNNING")
    lease = timedelta(seconds=settings.NEWSFOLD_TASK_LEASE + 1)
    assert queue_due_feeds(now=timezone.now() + lease) == 1
    lost.refresh_from_db()
    assert (lost.status, lost.exception_class_path) == ("FAILED", RECLAIMED)
    assert queue_due_feeds(now=timezone.now() + lease) == 0  # queued once, not per pass
    local_server.routes["/feed.xml"] = Route(body=rss([3, 4, 5]))
    again = _worker("--batch")
    out, _ = again.communicate(timeout=120)
    assert again.returncode == 0, out
    assert Article.objects.count() == 3


def test_a_backlog_longer_than_the_lease_queues_nothing_twice(transactional_db, settings):
    feeds = [
        Feed.objects.create(url=f"https://outlet{n}.example/feed.xml", source=outlet(f"O{n}"))
        for n in range(5)
    ]
    assert queue_due_feeds() == 5
    # No worker runs for hours: the tasks wait, and nothing is queued a second time.
    for hours in (1, 5, 24):
        assert queue_due_feeds(now=timezone.now() + timedelta(hours=hours)) == 0
    assert DBTaskResult.objects.count() == 5
    assert set(Feed.objects.values_list("task_id", flat=True)) == {
        str(pk) for pk in DBTaskResult.objects.values_list("id", flat=True)
    }
    assert len(feeds) == 5


def test_a_failed_fetch_is_retried_once_by_the_schedule(transactional_db, settings):
    feed = Feed.objects.create(url="https://outlet.example/feed.xml", source=outlet("O"))
    assert queue_due_feeds() == 1
    # What the fetch task does when something outside the feed's own faults fails.
    record_failure(feed.pk, RuntimeError("the database went away"))
    feed.refresh_from_db()
    assert feed.queued_at is None and feed.consecutive_failures == 1
    assert "the database went away" in feed.last_error
    assert feed.attempts.get().outcome == "error"
    assert feed.next_fetch_at > timezone.now()
    assert queue_due_feeds() == 0  # not queued again at once
    assert DBTaskResult.objects.count() == 1  # and no delayed second task either
    later = feed.next_fetch_at + timedelta(seconds=1)
    assert queue_due_feeds(now=later) == 1


def test_the_scheduler_keeps_scheduling_after_a_database_error(transactional_db):
    from django.db import connection

    scheduler = subprocess.Popen(
        [sys.executable, "-m", "newsfold", "scheduler", "--interval", "0.2"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url(), "NEWSFOLD_LOG_LEVEL": "INFO"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        time.sleep(2)  # it has started and run a few passes
        if connection.vendor == "postgresql":
            # Its connection drops, as a restarting server or a proxy would drop it: once
            # it has one (a loaded machine may take longer than the sleep to start it).
            others = (
                "SELECT COUNT(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            deadline = time.monotonic() + 60
            with connection.cursor() as cursor:
                while time.monotonic() < deadline:
                    cursor.execute(others)
                    if cursor.fetchone()[0]:
                        break
                    time.sleep(0.2)
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            Feed.objects.create(url="https://late.example/feed.xml", source=outlet("Late"))
        else:
            # A feed falls due while another process holds the write lock past SQLite's
            # wait (10 s): claiming it fails, more than once.
            import sqlite3

            soon = timezone.now() + timedelta(seconds=2)
            Feed.objects.create(
                url="https://late.example/feed.xml", source=outlet("Late"), next_fetch_at=soon
            )
            holder = sqlite3.connect(connection.settings_dict["NAME"], timeout=1)
            holder.execute("BEGIN IMMEDIATE")
            holder.execute("UPDATE sources_feed SET title = title")
            time.sleep(13)
            holder.rollback()
            holder.close()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not DBTaskResult.objects.exists():
            time.sleep(0.2)
        assert DBTaskResult.objects.exists(), "the scheduler stopped scheduling"
        assert scheduler.poll() is None, "the scheduler exited"
    finally:
        scheduler.terminate()
        out, _ = scheduler.communicate(timeout=30)
    assert b"database error" in out, out.decode()[-2000:]
    assert b"Traceback" not in out


def test_worker_processes_together_keep_to_the_per_host_limit(transactional_db, local_server):
    """Four worker processes, eight feeds on one publisher host that answers slowly: the
    host never sees more connections at once than the per-host limit (2)."""
    lock = threading.Lock()
    open_now = [0]
    most = [0]

    def slow(n):
        def answer(headers):
            with lock:
                open_now[0] += 1
                most[0] = max(most[0], open_now[0])
            time.sleep(0.5)
            with lock:
                open_now[0] -= 1
            return 200, rss([n], title=f"Desk {n}"), {}

        return answer

    for n in range(8):
        local_server.routes[f"/feed{n}.xml"] = Route(handler=slow(n))
        Feed.objects.create(
            url=local_server.url(f"/feed{n}.xml"), source=outlet(f"Desk {n}"), fetch_pages=False
        )
    assert queue_due_feeds() == 8
    env = {"NEWSFOLD_PER_HOST_LIMIT": "2"}
    workers = [_worker("--batch", env=env) for _ in range(4)]
    for worker in workers:
        out, _ = worker.communicate(timeout=180)
        assert worker.returncode == 0, out
    assert Feed.objects.filter(last_success_at__isnull=False).count() == 8
    assert most[0] == 2  # the limit was reached, never passed


@pytest.mark.postgres_only
def test_a_worker_keeps_working_after_its_connection_drops(transactional_db, local_server):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a dropped server connection is PostgreSQL's (SQLite's lock: django-tasks)")
    worker = _worker("--interval", "0.2")
    try:
        time.sleep(3)  # started, polling
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        local_server.routes["/feed.xml"] = Route(body=rss([7]))
        feed = Feed.objects.create(url=local_server.url("/feed.xml"), source=outlet("Late"))
        assert queue_due_feeds() == 1
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not Article.objects.exists():
            time.sleep(0.3)
        assert Article.objects.count() == 1, "the worker stopped working"
        assert worker.poll() is None, "the worker exited"
        feed.refresh_from_db()
        assert feed.last_success_at is not None
    finally:
        worker.terminate()
        out, _ = worker.communicate(timeout=30)
    assert b"Traceback" not in out

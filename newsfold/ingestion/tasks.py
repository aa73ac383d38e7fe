"""Background work, run by `newsfold worker` (django-tasks' database backend).

A task that fails on something unexpected is queued again with back-off up to
NEWSFOLD_TASK_RETRIES times; its error stays on the task result. A worker killed mid-task
leaves its feed marked as queued; the scheduler queues it again once the lease runs out,
and because ingestion is idempotent the repeat stores nothing twice.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from newsfold.ingestion import feeds as ingest
from newsfold.ingestion import files as importer
from newsfold.news import insights
from newsfold.pipeline.fetch import FetchError
from newsfold.pipeline.schedule import backoff_delay
from newsfold.sources.models import Feed

log = logging.getLogger(__name__)


def _retry(task_obj, attempt: int, *args) -> None:
    if attempt >= settings.NEWSFOLD_TASK_RETRIES:
        return
    delay = backoff_delay(attempt + 1, base=settings.NEWSFOLD_BACKOFF_BASE, maximum=3600)
    task_obj.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
        *args, attempt=attempt + 1
    )


@task()
def fetch_feed(feed_id: int, attempt: int = 0) -> dict:
    # The lease counts from here: a backlog that waited longer than the lease is no reason
    # to think this worker dead.
    Feed.objects.filter(pk=feed_id).update(queued_at=timezone.now())
    feed = Feed.objects.filter(pk=feed_id, enabled=True).select_related("source").first()
    if feed is None:
        return {"skipped": "feed gone or disabled"}
    try:
        result = ingest.fetch_feed(feed)
    except Exception as exc:
        # One retry mechanism for feeds: the schedule. The feed's next fetch moves out by
        # its back-off and the scheduler queues it then; no second, delayed task.
        log.exception("fetch of feed %s failed unexpectedly", feed_id)
        ingest.record_failure(feed_id, exc)
        raise
    if result.added:
        queue_enrichment()
    return {"outcome": result.outcome, "added": result.added, "error": result.error}


@task()
def fetch_page(url: str, source_name: str = "", attempt: int = 0) -> dict:
    try:
        outcome, article_id, _ = ingest.fetch_page(url, source_name)
    except FetchError as exc:
        return {"error": exc.message}
    except Exception:
        log.exception("fetch of page %s failed unexpectedly", url)
        _retry(fetch_page, attempt, url, source_name)
        raise
    if article_id is not None:
        queue_enrichment()
    return {"outcome": outcome, "article_id": article_id}


@task()
def import_files(paths: list[str], attempt: int = 0) -> dict:
    try:
        report = importer.import_paths(paths)
    except Exception:
        log.exception("import of %s failed unexpectedly", paths)
        _retry(import_files, attempt, paths)
        raise
    queue_enrichment()
    return report.as_dict()


@task()
def enrich(attempt: int = 0) -> dict:
    """The AI features of what is due, one batch; queued again while more is due."""
    try:
        done = insights.enrich_due()
    except Exception:
        log.exception("enrichment failed unexpectedly")
        _retry(enrich, attempt)
        raise
    if done.articles or done.stories:
        queue_enrichment(check_due=True)
    return {"articles": done.articles, "stories": done.stories}


def queue_enrichment(*, check_due: bool = False) -> bool:
    """Queue one enrichment unless one is waiting already: stores call this after every
    fetch, and one task then takes all they added."""
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    if waiting.filter(task_path=enrich.module_path).exists():
        return False
    if check_due and not insights.anything_due():
        return False
    enrich.enqueue()
    return True


def queue_due_feeds(now=None) -> int:
    """Queue every feed that is due and not already queued (or whose lease ran out).

    A lease runs out only for a fetch a worker claimed and never finished: a feed whose
    task still waits in the queue (a backlog, workers down) is left to it; a task left
    RUNNING by a dead worker is marked failed, and the feed is queued once more. The
    conditional UPDATE claims each feed, so two schedulers never queue one feed twice.
    """
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.NEWSFOLD_TASK_LEASE)
    unqueued = Q(queued_at__isnull=True) | Q(queued_at__lt=stale)
    due = list(
        Feed.objects.filter(unqueued, enabled=True, next_fetch_at__lte=now).values_list(
            "id", "queued_at", "task_id"
        )
    )
    lapsed = [task for _, queued, task in due if queued is not None and task]
    statuses = {
        str(pk): status
        for pk, status in DBTaskResult.objects.filter(pk__in=lapsed).values_list("id", "status")
    }
    queued = 0
    for feed_id, queued_at, task_id in due:
        status = statuses.get(task_id) if queued_at is not None else None
        if status == TaskResultStatus.READY:
            continue  # still waiting its turn
        if status == TaskResultStatus.RUNNING:
            _reclaim(task_id, now)
        queued += queue_feed(feed_id, now)
    return queued


# What a task a dead worker left RUNNING is marked with when its lease runs out.
RECLAIMED = "newsfold.ingestion.tasks.WorkerLost"


def _reclaim(task_id: str, now) -> None:
    DBTaskResult.objects.filter(pk=task_id, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path=RECLAIMED,
        traceback="the worker running this task stopped before it finished; its lease ran"
        " out and the feed was queued again",
    )


def queue_feed(feed_id: int, now=None) -> bool:
    """Queue one feed's fetch unless it is queued already (within its lease): the
    conditional UPDATE claims it, so two callers never queue it twice."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.NEWSFOLD_TASK_LEASE)
    unqueued = Q(queued_at__isnull=True) | Q(queued_at__lt=stale)
    if not Feed.objects.filter(unqueued, pk=feed_id, enabled=True).update(queued_at=now):
        return False
    result = fetch_feed.enqueue(feed_id)
    Feed.objects.filter(pk=feed_id).update(task_id=str(result.id))
    return True

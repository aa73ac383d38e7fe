import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, connections

# Imported now, not by the first task a worker runs: a worker that says it started is ready
# to fetch (the extraction libraries take most of a second to load).
import newsfold.ingestion.tasks  # noqa: F401

log = logging.getLogger("newsfold.worker")
MAX_WAIT = 300.0
BATCH_RETRIES = 5


class Command(BaseCommand):
    help = (
        "Run queued background tasks (fetch a feed, fetch a page, import). "
        "Several workers may run at once, on one machine or many."
    )
    # The system checks load every URL and API module a worker never runs (a second of
    # CPU at each start, more than a hundred feed items cost); `serve` and `migrate` check.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="exit when the queue is empty")
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")

    def handle(self, *args, batch, max_tasks, interval, **options):
        kwargs = {"interval": interval, "startup_delay": False}
        if batch:
            kwargs["batch"] = True
        if max_tasks is not None:
            kwargs["max_tasks"] = max_tasks
        failures = 0
        while True:
            try:
                call_command("db_worker", verbosity=options.get("verbosity", 1), **kwargs)
                return  # the queue is empty (--batch), enough tasks ran, or it was stopped
            except DatabaseError as exc:
                # A dropped connection or a restarting server passes (django-tasks itself
                # rides out a locked SQLite): the worker waits longer each time, and goes on.
                failures += 1
                if batch and failures > BATCH_RETRIES:
                    raise
                wait = min(MAX_WAIT, max(interval, 0.5) * 2 ** min(failures, 10))
                log.warning("database error (%s); the worker goes on in %.0f s", exc, wait)
                connections.close_all()
                time.sleep(wait)

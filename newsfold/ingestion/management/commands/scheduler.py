import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, connections

from newsfold.ingestion.tasks import queue_due_feeds, queue_enrichment

log = logging.getLogger("newsfold.scheduler")
# Waits after a database error: doubling from the interval up to this.
MAX_WAIT = 300.0


class Command(BaseCommand):
    help = "Queue the feeds that are due for a fetch, and any enrichment due; a worker runs them."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="queue once and exit")
        parser.add_argument("--interval", type=float, default=30.0, help="seconds between passes")

    def handle(self, *args, once, interval, **options):
        failures = 0
        while True:
            try:
                queued = queue_due_feeds()
                # Enrichment a worker lost (stopped mid-batch) is queued again here.
                queue_enrichment(check_due=True)
            except DatabaseError as exc:
                # A lock held past the wait, a dropped connection, a restarting server: it
                # passes. The scheduler waits longer each time, and goes on.
                if once:
                    raise
                failures += 1
                wait = min(MAX_WAIT, interval * 2 ** min(failures, 10))
                log.warning("database error (%s); trying again in %.0f s", exc, wait)
                connections.close_all()
                time.sleep(wait)
                continue
            if failures:
                log.info("database answers again after %d failed passes", failures)
                failures = 0
            if queued or once:
                self.stdout.write(f"queued {queued} feed(s)")
                self.stdout.flush()
            if once:
                return
            time.sleep(interval)

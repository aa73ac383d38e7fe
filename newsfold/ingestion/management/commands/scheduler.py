import time

from django.core.management.base import BaseCommand

from newsfold.ingestion.tasks import queue_due_feeds, queue_enrichment


class Command(BaseCommand):
    help = "Queue the feeds that are due for a fetch, and any enrichment due; a worker runs them."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="queue once and exit")
        parser.add_argument("--interval", type=float, default=30.0, help="seconds between passes")

    def handle(self, *args, once, interval, **options):
        while True:
            queued = queue_due_feeds()
            # Enrichment a worker lost (stopped mid-batch) is queued again here.
            queue_enrichment(check_due=True)
            if queued or once:
                self.stdout.write(f"queued {queued} feed(s)")
            if once:
                return
            time.sleep(interval)

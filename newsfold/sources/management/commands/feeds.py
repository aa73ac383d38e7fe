import json

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.timesince import timesince, timeuntil

from newsfold.sources.models import Feed


def _ago(when) -> str:
    return f"{timesince(when).split(',')[0]} ago" if when else "never"


class Command(BaseCommand):
    help = "Each feed's status: last and next fetch, consecutive failures, last error, notice."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        feeds = Feed.objects.select_related("source").order_by("source__name", "url")
        if options["json"]:
            for f in feeds:
                row = {
                    "id": f.pk,
                    "url": f.url,
                    "source": f.source.name,
                    "status": f.status,
                    "last_fetch_at": f.last_fetch_at,
                    "next_fetch_at": f.next_fetch_at,
                    "consecutive_failures": f.consecutive_failures,
                    "last_error": f.last_error,
                    "notice": f.notice,
                }
                self.stdout.write(json.dumps(row, default=str))
            return
        if not feeds:
            self.stdout.write("no feeds yet: add one with `newsfold add-feed URL`")
            return
        now = timezone.now()
        for f in feeds:
            due = "due now" if f.next_fetch_at <= now else f"in {timeuntil(f.next_fetch_at)}"
            self.stdout.write(
                f"{f.pk:>4}  {f.status:<8} {f.source.name[:28]:<28} {f.url}\n"
                f"      last fetch {_ago(f.last_fetch_at)}, next {due.split(',')[0]}, "
                f"{f.consecutive_failures} failure(s) in a row"
                + (f"\n      last error: {f.last_error}" if f.last_error else "")
                + (f"\n      notice: {f.notice}" if f.notice else "")
            )

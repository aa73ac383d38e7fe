from django.core.management.base import BaseCommand, CommandError

from newsfold.ids import valid_id
from newsfold.ingestion.feeds import fetch_feed
from newsfold.sources.models import Feed, FetchAttempt


class Command(BaseCommand):
    help = "Fetch feeds now, in this process (FEED is an id or a URL)."

    def add_arguments(self, parser):
        parser.add_argument("feeds", nargs="*", metavar="FEED")
        parser.add_argument("--all", action="store_true", help="every enabled feed")

    def handle(self, *args, feeds, **options):
        if options["all"] == bool(feeds):
            raise CommandError("name the feeds to fetch, or --all")
        chosen = list(Feed.objects.filter(enabled=True)) if options["all"] else _find(feeds)
        failed = 0
        for feed in chosen:
            attempt = fetch_feed(feed)
            if attempt.outcome == FetchAttempt.ERROR:
                failed += 1
                self.stdout.write(f"FAILED  {feed.url}: {attempt.error}")
            else:
                self.stdout.write(
                    f"ok      {feed.url}: {attempt.outcome}, {attempt.entries} entries, "
                    f"{attempt.added} added, {attempt.folded} folded"
                )
        if failed:
            raise CommandError(f"{failed} of {len(chosen)} feed(s) failed")


def _find(names: list[str]) -> list[Feed]:
    found = []
    for name in names:
        is_id = name.isdigit() and valid_id(int(name))
        feed = Feed.objects.filter(pk=int(name)).first() if is_id else None
        feed = feed or Feed.objects.filter(url=name).first()
        if feed is None:
            raise CommandError(f"no such feed: {name}")
        found.append(feed)
    return found

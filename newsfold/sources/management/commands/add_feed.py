from django.core.management.base import BaseCommand, CommandError

from newsfold.sources.subscribe import NotSubscribed, add_feed


class Command(BaseCommand):
    help = "Subscribe to a feed. It is fetched by the scheduler and worker, or by `fetch`."

    def add_arguments(self, parser):
        parser.add_argument("url")
        parser.add_argument("--source", default="", help="the outlet's name")
        parser.add_argument("--region", default="", help="e.g. Europe, Middle East, World")
        parser.add_argument("--country", default="")
        parser.add_argument("--language", default="")
        parser.add_argument("--folder", default="")
        parser.add_argument(
            "--no-fetch-pages",
            action="store_true",
            help="store summary-only entries as they are instead of fetching their pages",
        )

    def handle(self, *args, url, source, region, country, language, folder, **options):
        try:
            feed = add_feed(
                url,
                source,
                region=region,
                country=country,
                language=language,
                folder=folder,
                fetch_pages=not options["no_fetch_pages"],
            )
        except NotSubscribed as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(f"added feed {feed.pk}: {feed.url} ({feed.source.name})")

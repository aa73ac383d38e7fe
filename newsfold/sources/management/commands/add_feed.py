from django.core.management.base import BaseCommand, CommandError

from newsfold.pipeline.urls import feed_url_problem, tidy_url
from newsfold.sources.models import Feed
from newsfold.sources.outlets import outlet


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
        problem = feed_url_problem(url)
        if problem:
            raise CommandError(problem)
        url = tidy_url(url)
        if Feed.objects.filter(url=url).exists():
            raise CommandError(f"already subscribed: {url}")
        outlet_ = outlet(source, url=url, region=region, country=country, language=language)
        feed = Feed.objects.create(
            url=url,
            source=outlet_,
            folder=folder,
            fetch_pages=not options["no_fetch_pages"],
            outlet_settled=bool(source.strip()),
        )
        self.stdout.write(f"added feed {feed.pk}: {url} ({outlet_.name})")

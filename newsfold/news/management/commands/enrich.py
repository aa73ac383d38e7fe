from django.core.management.base import BaseCommand

from newsfold.news import insights


class Command(BaseCommand):
    help = (
        "Compute the AI features that are missing or out of date (summaries, key points, "
        "quotes, conflicts, language); --all computes every article and story again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="every article and story again")

    def handle(self, *args, all, **options):
        done = insights.enrich_due(limit=None, every=all)
        self.stdout.write(f"enriched {done.articles} articles and {done.stories} stories")

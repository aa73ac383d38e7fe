from django.core.management.base import BaseCommand

from newsfold.news.filing import file_article
from newsfold.news.models import Article


class Command(BaseCommand):
    help = (
        "File every stored article again under its section and hashtags: after an upgrade "
        "that changed the rules, or for articles stored before there were any."
    )

    def handle(self, *args, **options):
        done = 0
        for article in Article.objects.select_related("source").iterator(chunk_size=500):
            file_article(article)
            done += 1
        self.stdout.write(f"filed {done} articles")

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from newsfold.pipeline.grouping import group_stream, read_docs


class Command(BaseCommand):
    requires_system_checks = []  # reads stdin only: no database, no templates
    help = (
        "Read articles as JSON lines {id, date, title, body, lang, source} on stdin, in "
        "arrival order, and print {id, cluster}: the story (--task story) or the article "
        "it folds into (--task dup). Runs the same fold and story code as ingestion."
    )

    def add_arguments(self, parser):
        parser.add_argument("--task", choices=["story", "dup"], default="story")

    def handle(self, *args, task, **options):
        try:
            grouped = group_stream(read_docs(sys.stdin))
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        for item in grouped:
            cluster = item.story if task == "story" else item.article
            sys.stdout.write(json.dumps({"id": item.id, "cluster": cluster}) + "\n")

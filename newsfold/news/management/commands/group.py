import json
import sys
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from newsfold.pipeline.cluster import StoryDoc
from newsfold.pipeline.grouping import group_stream


def _when(value) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def _docs(lines):
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            yield StoryDoc(
                id=str(item["id"]),
                title=item.get("title") or "",
                text=item.get("body") or "",
                published_at=_when(item.get("date")),
                language=item.get("lang"),
                source=item.get("source"),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise CommandError(f"line {number}: not an article object ({exc})") from None


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
        out = sys.stdout
        for grouped in group_stream(_docs(sys.stdin)):
            cluster = grouped.story if task == "story" else grouped.article
            out.write(json.dumps({"id": grouped.id, "cluster": cluster}) + "\n")

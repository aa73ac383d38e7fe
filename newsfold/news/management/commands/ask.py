import json

from django.core.management.base import BaseCommand, CommandError

from newsfold.news import insights
from newsfold.news.models import Story


class Command(BaseCommand):
    help = 'Answer a question from a story\'s coverage, with citations: ask STORY_ID "question"'

    def add_arguments(self, parser):
        parser.add_argument("story", help="the story's id (the number in /s/ID/…)")
        parser.add_argument("question")
        parser.add_argument("--json", action="store_true", help="the answer as JSON")

    def handle(self, *args, story, question, json: bool, **options):
        if not story.isdigit():
            raise CommandError(f"not a story id: {story!r}")
        found = Story.objects.filter(pk=int(story)).first()
        if found is None:
            raise CommandError(f"no story {story}")
        if not question.strip():
            raise CommandError("the question is empty")
        result = insights.ask(found, question)
        if json:
            self.stdout.write(_dumps(result))
            return
        if not result["covered"]:
            self.stdout.write("Not covered: the coverage of this story does not say.")
            return
        self.stdout.write(result["answer"])
        for n, c in enumerate(result["citations"], 1):
            self.stdout.write(f"[{n}] {c['outlet'] or 'unknown outlet'} · {c['url'] or '-'}")
            self.stdout.write(f"    {c['text']}")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)

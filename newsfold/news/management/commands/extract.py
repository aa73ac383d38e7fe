import dataclasses
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from newsfold.pipeline.extract import extract


class Command(BaseCommand):
    help = "Read an HTML page on stdin and print its article text (or every field with --json)."

    def add_arguments(self, parser):
        parser.add_argument("--url", default=None, help="the page's URL, for relative links")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, url, **options):
        data = sys.stdin.buffer.read()
        if not data.strip():
            raise CommandError("no HTML on stdin")
        page = extract(data, url=url)
        if options["json"]:
            self.stdout.write(json.dumps(dataclasses.asdict(page), default=str, ensure_ascii=False))
        elif not page.text:
            raise CommandError("no article text found")
        else:
            self.stdout.write(page.text)

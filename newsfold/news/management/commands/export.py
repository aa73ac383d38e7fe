import sys

from django.core.management.base import BaseCommand

from newsfold.news.export import export_lines


class Command(BaseCommand):
    help = (
        "Write every article as JSON lines: id, url, title, source, published_at, language, "
        "text, copies [{source, url, fetched_at}]."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", default="-")

    def handle(self, *args, output, **options):
        out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
        try:
            for line in export_lines():
                out.write(line + "\n")
        finally:
            if out is not sys.stdout:
                out.close()

import sys

from django.core.management.base import BaseCommand

from newsfold.pipeline.opml import write_opml
from newsfold.pipeline.types import Outline
from newsfold.sources.models import Feed


class Command(BaseCommand):
    help = "Write the subscriptions as OPML (folders kept), to stdout or --output."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", default="-")

    def handle(self, *args, output, **options):
        outlines = [
            Outline(
                xml_url=f.url,
                title=f.title or f.source.name,
                html_url=f.source.homepage or None,
                folder=f.folder,
                attrs={
                    k: v
                    for k, v in (
                        ("outlet", f.source.name),
                        ("region", f.source.region),
                        ("country", f.source.country),
                        ("language", f.source.language),
                    )
                    if v
                },
            )
            for f in Feed.objects.select_related("source").order_by("folder", "source__name")
        ]
        data = write_opml(outlines)
        if output == "-":
            sys.stdout.buffer.write(data)
        else:
            with open(output, "wb") as fh:
                fh.write(data)

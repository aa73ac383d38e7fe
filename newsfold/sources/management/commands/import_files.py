from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from newsfold.sources.importer import import_paths, report_json
from newsfold.sources.tasks import import_files


def _when(value: str) -> datetime:
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--captured-at: not an ISO date and time: {value}") from None
    if when.tzinfo is None:
        raise CommandError("--captured-at: give a time zone, e.g. 2026-11-20T09:30:00+00:00")
    return when


class Command(BaseCommand):
    help = (
        "Import HTML pages, plain-text page dumps, feed files, OPML and folders of these, "
        "and report what was added, folded, skipped and failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--captured-at",
            default=None,
            help="when text dumps were captured (ISO time); default: each file's mtime",
        )
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument("--queue", action="store_true", help="run it in a worker instead")

    def handle(self, *args, paths, captured_at, **options):
        when = _when(captured_at) if captured_at else None
        if options["queue"]:
            result = import_files.enqueue([str(p) for p in paths])
            self.stdout.write(f"queued import task {result.id}")
            return
        report = import_paths(paths, captured_at=when)
        if options["json"]:
            self.stdout.write(report_json(report))
        else:
            for line in report.lines():
                self.stdout.write(line)
        failed = report.failed_files
        if failed:
            raise CommandError(f"{len(failed)} of {len(report.files)} file(s) failed to import")

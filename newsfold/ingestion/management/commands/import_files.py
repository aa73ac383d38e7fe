import sys
import time
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from newsfold.ingestion.files import import_paths, report_json
from newsfold.ingestion.tasks import import_files


def _when(value: str) -> datetime:
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--captured-at: not an ISO date and time: {value}") from None
    if when.tzinfo is None:
        raise CommandError("--captured-at: give a time zone, e.g. 2026-11-20T09:30:00+00:00")
    return when


class TerminalProgress:
    """One line on a terminal, rewritten in place a few times a second: a long import shows
    that it moves and how far it has to go. Nothing is written where output is not a
    terminal (a pipe, a log file), whose readers want the report alone."""

    EVERY = 0.25  # seconds between redraws

    def __init__(self, stream) -> None:
        self.stream = stream
        self.shown_at = 0.0
        self.drawn = False

    def __call__(self, path: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.shown_at < self.EVERY:
            return
        self.shown_at = now
        self.stream.write(f"\r\x1b[K{path}: {done:,} of {total:,} stored")
        self.stream.flush()
        self.drawn = True

    def clear(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


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
        progress = TerminalProgress(sys.stderr) if sys.stderr.isatty() else None
        try:
            report = import_paths(paths, captured_at=when, progress=progress)
        finally:
            if progress is not None:
                progress.clear()
        if options["json"]:
            self.stdout.write(report_json(report))
        else:
            for line in report.lines():
                self.stdout.write(line)
        failed = report.failed_files
        if failed:
            raise CommandError(f"{len(failed)} of {len(report.files)} file(s) failed to import")

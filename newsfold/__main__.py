"""The `newsfold` command: our subcommands plus every Django management command."""

from __future__ import annotations

import os
import sys

# Our subcommands, as typed by users, and the management command behind each.
COMMANDS = {
    "serve": ("serve", "serve the site (gunicorn)"),
    "worker": ("worker", "run queued background tasks; several may run at once"),
    "scheduler": ("scheduler", "queue the feeds that are due, every few seconds"),
    "add-feed": ("add_feed", "subscribe to a feed: add-feed URL [--source NAME]"),
    "feeds": ("feeds", "each feed's status: last and next fetch, failures, last error"),
    "fetch": ("fetch", "fetch feeds now, in this process: fetch [FEED…|--all]"),
    "import": ("import_files", "import HTML pages, text page dumps, feed files, OPML, folders"),
    "export-opml": ("export_opml", "write the subscriptions as OPML"),
    "export": ("export", "write every article as JSON lines"),
    "config": ("config", "print the effective settings, secrets masked"),
    "extract": ("extract", "HTML on stdin → article text on stdout (--json for all fields)"),
    "group": ("group", "fold and group JSON-lines articles from stdin into stories"),
    "refile": ("refile", "file every article again under its section and hashtags"),
    "enrich": ("enrich", "compute missing summaries, key points, quotes… (--all: everything)"),
    "ask": ("ask", 'answer from a story\'s coverage: ask STORY_ID "question" [--json]'),
    "moderators": ("moderators", "who moderates comments: moderators add|remove|list [USER…]"),
    "demo-readers": ("demo_readers", "create a demo reader and moderator (demo only)"),
}


def usage() -> str:
    width = max(len(n) for n in COMMANDS)
    lines = ["usage: newsfold COMMAND [options]   (newsfold COMMAND --help for its options)", ""]
    lines += [f"  {name:<{width}}  {text}" for name, (_, text) in COMMANDS.items()]
    lines += ["", "Django's own commands work too: migrate, createsuperuser, shell, …"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "newsfold"
    if len(argv) < 2 or argv[1] in {"-h", "--help", "help"}:
        print(usage())
        return 0
    argv[1] = COMMANDS.get(argv[1], (argv[1], ""))[0]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsfold.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.conf import settings

        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    except ImproperlyConfigured as exc:
        print(f"newsfold: configuration error: {exc}", file=sys.stderr)
        return 2
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    try:
        execute_from_command_line(argv)
    except Exception as exc:
        # Django prints a traceback for anything but a CommandError; a user gets one line
        # and the exit code, a developer the traceback with --traceback.
        if "--traceback" in argv:
            raise
        detail = " ".join(str(exc).split())[:300]
        if isinstance(exc, DatabaseError) and _unmigrated(detail):
            what = "the database has no tables yet (run: newsfold migrate)"
        elif isinstance(exc, DatabaseError):
            what = "database error (check DATABASE_URL)"
        else:
            what = "unexpected error"
        print(
            f"newsfold: {what}: {type(exc).__name__}: {detail}"
            " (run again with --traceback for details)",
            file=sys.stderr,
        )
        return 1
    return 0


def _unmigrated(message: str) -> bool:
    """SQLite's and PostgreSQL's words for a table that was never created."""
    message = message.casefold()
    return "no such table" in message or ("relation" in message and "does not exist" in message)


if __name__ == "__main__":
    sys.exit(main())

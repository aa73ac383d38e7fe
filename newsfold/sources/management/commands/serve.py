import os
import socket
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor


class Command(BaseCommand):
    help = "Serve the site with gunicorn (a production-grade WSGI server)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")

    def handle(self, *args, host, port, workers, **options):
        _check(host, port, workers)
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "newsfold.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
        ]
        self.stdout.write(f"serving http://{host}:{port}/")
        self.stdout.flush()
        os.execv(sys.executable, argv)  # noqa: S606 - gunicorn replaces this process


def _check(host: str, port: int, workers: int) -> None:
    """What would make gunicorn fail, or serve errors, said once before it starts: a port
    out of range or taken (gunicorn retries a taken one forever), no workers, a database
    that cannot be read or was never migrated."""
    if not 1 <= port <= 65535:
        raise CommandError(f"--port {port} is not a port: give 1 to 65535")
    if workers < 1:
        raise CommandError("--workers must be at least 1")
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise CommandError(
            f"cannot listen on {host}:{port} ({exc.strerror or exc}): is another server"
            " running there? Choose another --port"
        ) from exc
    try:
        pending = MigrationExecutor(connection).migration_plan(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )
    except DatabaseError as exc:
        raise CommandError(f"the database cannot be read: {exc} (check DATABASE_URL)") from exc
    if pending:
        raise CommandError(
            f"the database is missing {len(pending)} migration(s): run newsfold migrate first"
        )

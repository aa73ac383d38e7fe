import os
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the site with gunicorn (a production-grade WSGI server)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")

    def handle(self, *args, host, port, workers, **options):
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

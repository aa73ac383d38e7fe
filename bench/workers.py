"""Many workers at once, on PostgreSQL: a local feed farm drained by 1 and by 8 workers.

The farm serves FEEDS feeds of ITEMS distinct full-text articles each on 127.0.0.1 (a
stand-in for publishers), answering each request after DELAY seconds, or at once for the
CPU-bound run. Each run starts from an empty database and `newsfold worker` processes,
waits until every worker is ready (a fleet runs for days: the CPU a worker takes to start
is printed apart), queues every feed and times the drain until each feed is fetched; it
prints items/s, the ratio of 8 workers to 1, the machine's CPU busy share, the workers'
own CPU time an item (which another job on the machine hardly changes, unlike the rest),
and whether every item was stored exactly once. Skipped, with a reason, where no
PostgreSQL server can be had.
"""

import itertools
import os
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from _postgres import fresh_database, server_url  # noqa: E402

FEEDS = int(os.environ.get("BENCH_WORKERS_FEEDS", "120"))
ITEMS = 10
DB = "newsfold_bench_workers"
FAR_FUTURE = datetime(2999, 1, 1, tzinfo=UTC)  # feeds wait here until the workers are ready


def _feeds() -> dict[str, bytes]:
    from grouping import full_text_stream

    docs = itertools.islice(full_text_stream(), FEEDS * ITEMS)
    feeds: dict[str, list[str]] = {}
    for n, doc in enumerate(docs):
        path = f"/feed/{n % FEEDS}.xml"
        html = "".join(f"<p>{escape(p)}</p>" for p in doc.text.split("\n\n"))
        feeds.setdefault(path, []).append(
            f"<item><title>{escape(doc.title)}</title>"
            f"<link>https://farm{n % FEEDS}.example/{n}</link>"
            f"<pubDate>{format_datetime(doc.published_at)}</pubDate>"
            f"<description>{escape(html)}</description></item>"
        )
    return {
        path: (
            '<?xml version="1.0"?><rss version="2.0"><channel>'
            f"<title>Farm outlet {path}</title><link>https://farm.example/</link>"
            + "".join(items)
            + "</channel></rss>"
        ).encode()
        for path, items in feeds.items()
    }


class Farm:
    def __init__(self, documents: dict[str, bytes]) -> None:
        self.delay = 0.0
        farm = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                time.sleep(farm.delay)
                body = documents.get(self.path)
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


def _cpu() -> tuple[int, int]:
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields), idle


def _run(farm: Farm, workers: int, env: dict[str, str]) -> tuple[float, float, float, bool, float]:
    """Start the workers, wait until each says it is ready, then queue every feed and time
    the drain: a fleet runs for days, so what a worker costs to start is printed apart."""
    from django.core.management import call_command
    from django.utils import timezone

    from newsfold.ingestion.tasks import queue_due_feeds
    from newsfold.news.models import ArticleCopy
    from newsfold.sources.models import Feed
    from newsfold.sources.outlets import outlet

    call_command("flush", "--no-input", verbosity=0)
    for n in range(FEEDS):
        Feed.objects.create(
            url=f"http://127.0.0.1:{farm.port}/feed/{n}.xml",
            source=outlet(f"Farm outlet {n}"),
            outlet_settled=True,
            fetch_pages=False,
            next_fetch_at=FAR_FUTURE,
        )
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "newsfold", "worker", "--interval", "0.1"],
            cwd=ROOT,
            env={**env, "PYTHONUNBUFFERED": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        for _ in range(workers)
    ]
    try:
        for p in procs:
            p.stdout.readline()  # "Starting worker ...": set up, tasks imported
        started = sum(_process_cpu(p.pid) for p in procs)
        Feed.objects.update(next_fetch_at=timezone.now())
        total0, idle0 = _cpu()
        start = time.perf_counter()
        queue_due_feeds()
        while Feed.objects.filter(last_fetch_at=None).exists():
            time.sleep(0.05)
        elapsed = time.perf_counter() - start
        total1, idle1 = _cpu()
        spent = sum(_process_cpu(p.pid) for p in procs) - started
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=60)
    busy = 1 - (idle1 - idle0) / max(1, total1 - total0)
    # Every item is one copy (an article, or "also published by" of one): no more, no fewer.
    copies = ArticleCopy.objects.count()
    places = ArticleCopy.objects.values("url").distinct().count()
    once = copies == places == FEEDS * ITEMS
    return FEEDS * ITEMS / elapsed, busy, spent / (FEEDS * ITEMS), once, started / workers


def _process_cpu(pid: int) -> float:
    """CPU seconds a running process has used (user and system, from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    server = server_url()
    if server is None:
        print("workers: skipped, no PostgreSQL server could be had (scripts/ensure-postgres)")
        return
    url = fresh_database(server, DB)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "NEWSFOLD_ALLOWED_NETWORKS": "127.0.0.1",
        "NEWSFOLD_LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "newsfold.settings",
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    farm = Farm(_feeds())
    for delay, label in (
        (0.2, "publishers answer after 200 ms"),
        (0.0, "publishers answer at once"),
    ):
        farm.delay = delay
        rates = {}
        for workers in (1, 8):
            rate, busy, per_item, once, start_cpu = _run(farm, workers, env)
            rates[workers] = rate
            print(
                f"workers: {label}, {workers} worker(s): {FEEDS * ITEMS} items at {rate:.0f} "
                f"items/s, CPU {busy:.0%} busy, {per_item * 1000:.1f} ms of worker CPU an item"
                f" ({start_cpu:.1f} s to start a worker), each stored once:"
                f" {'yes' if once else 'NO'}"
            )
        goal = "at least 5 times" if delay else "both cores at least 90 % busy"
        print(f"workers: {label}, 8 workers / 1 = {rates[8] / rates[1]:.1f} (goal: {goal})")


if __name__ == "__main__":
    main()

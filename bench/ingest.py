"""Storing articles through the real path (fold, story, related terms) into a fresh SQLite
file, then a fresh PostgreSQL database: drafts per second the first time, and again when
every draft is already stored.

The drafts are the synthetic full-text stream of `bench/grouping.py` (events that flare up
and fade, one in five a republished copy), stored as feeds deliver them: runs of
`store.BATCH` drafts of one outlet (eight outlets in turn), each run in a `store.batch`.
The second pass measures the idempotent path, what a feed re-fetch without ETag costs.
The process's peak memory is a worker's after as many drafts (the goal is < 500 MB after
100,000: BENCH_INGEST_N=100000).
Beside the wall-clock rate it prints the rate on this process's CPU time and the SQL
statements a draft costs, which another job on the machine does not change.
"""

import itertools
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _postgres import fresh_database, server_url

N = int(os.environ.get("BENCH_INGEST_N", "3000"))
WORKER_GOAL_N, WORKER_GOAL_MB = 100_000, 500


def main() -> None:
    """SQLite here, then PostgreSQL in a child process (Django keeps one database a process)."""
    if len(sys.argv) > 1:
        os.environ["DATABASE_URL"] = sys.argv[1]
        run("PostgreSQL")
        return
    tmp = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    run("SQLite")
    server = server_url()
    if server is None:
        print("store on PostgreSQL: skipped, no server could be had (scripts/ensure-postgres)")
        return
    database = fresh_database(server, "newsfold_bench_ingest")
    subprocess.run([sys.executable, __file__, database], check=False)


def run(database: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsfold.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from grouping import full_text_stream

    from newsfold.news.models import Article, Story
    from newsfold.news.store import BATCH, batch, store
    from newsfold.pipeline.types import Draft
    from newsfold.sources.outlets import outlet

    sources = [outlet(f"Bench Outlet {i}") for i in range(8)]
    drafts = [
        Draft(
            title=doc.title,
            text=doc.text,
            url=f"https://bench{i // BATCH % 8}.example/{doc.id}",
            published_at=doc.published_at,
            fetched_at=doc.published_at,
        )
        for i, doc in enumerate(itertools.islice(full_text_stream(), N))
    ]
    from django.db import connection

    statements = [0]

    def count(execute, sql, params, many, context):
        statements[0] += 1
        return execute(sql, params, many, context)

    for label in ("first pass", "second pass (all already stored)"):
        statements[0] = 0
        start, cpu = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(count):
            for first in range(0, N, BATCH):
                with batch():
                    for d in drafts[first : first + BATCH]:
                        store(d, sources[first // BATCH % len(sources)])
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(
            f"store on {database}, {label}: {N} drafts in {elapsed:.1f} s = {N / elapsed:.0f}"
            f" drafts/s ({N / cpu:.0f} drafts/s of this process's CPU,"
            f" {statements[0] / N:.1f} statements a draft)"
        )
    stories = Story.objects.filter(merged_into=None).count()
    print(f"  {Article.objects.count()} articles, {stories} stories")
    # A worker stores the same way, with the same story index in its memory.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if N >= WORKER_GOAL_N:
        met = "met" if peak < WORKER_GOAL_MB else "not met"
        print(f"  peak RSS after {N} drafts < {WORKER_GOAL_MB} MB: {peak:.0f} MB — {met}")
    else:
        print(
            f"  peak RSS after {N} drafts: {peak:.0f} MB (the goal, < {WORKER_GOAL_MB} MB, is "
            f"after {WORKER_GOAL_N}: BENCH_INGEST_N={WORKER_GOAL_N}, about an hour)"
        )


if __name__ == "__main__":
    main()

"""Storing articles: drafts per second into a fresh SQLite file, first time and again.

The second pass measures the idempotent path (every draft already stored), which is what a
feed re-fetch without ETag costs.
"""

import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
N = int(os.environ.get("BENCH_INGEST_N", "2000"))

WORDS = [
    *[
        "harbour",
        "council",
        "ferry",
        "storm",
        "vote",
        "budget",
        "river",
        "school",
        "clinic",
        "market",
        "railway",
        "bridge",
    ],
    *[
        "festival",
        "court",
        "museum",
        "airport",
        "factory",
        "union",
        "minister",
        "mayor",
        "farmers",
        "tide",
        "harvest",
    ],
]


def text(n: int) -> str:
    paras = []
    for p in range(5):
        words = [WORDS[(n * 7 + p * 3 + i * i) % len(WORDS)] for i in range(40)]
        paras.append(f"Report {n} paragraph {p}: " + " ".join(words) + ".")
    return "\n\n".join(paras)


def main() -> None:
    tmp = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsfold.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from newsfold.news.store import store
    from newsfold.pipeline.types import Draft
    from newsfold.sources.outlets import outlet

    sources = [outlet(f"Bench Outlet {i}") for i in range(8)]
    when = datetime(2026, 11, 20, tzinfo=UTC)
    drafts = [
        Draft(
            title=f"Report {n}",
            text=text(n // 2 if n % 2 else n),
            url=f"https://b.example/{n}",
            published_at=when,
            fetched_at=when,
        )
        for n in range(N)
    ]
    for label in ("first pass (half the drafts fold)", "second pass (all already stored)"):
        start = time.perf_counter()
        for i, d in enumerate(drafts):
            store(d, sources[i % len(sources)])
        elapsed = time.perf_counter() - start
        print(f"store, {label}: {N} drafts in {elapsed:.1f} s = {N / elapsed:.0f} drafts/s")


if __name__ == "__main__":
    main()

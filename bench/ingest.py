"""Storing articles through the real path (fold, story, related terms) into a fresh SQLite
file: drafts per second the first time, and again when every draft is already stored.

The drafts are the synthetic full-text stream of `bench/grouping.py` (events that flare up
and fade, one in five a republished copy), spread over eight outlets. The second pass
measures the idempotent path, what a feed re-fetch without ETag costs.
"""

import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
N = int(os.environ.get("BENCH_INGEST_N", "3000"))


def main() -> None:
    tmp = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsfold.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from grouping import full_text_stream

    from newsfold.news.models import Article, Story
    from newsfold.news.store import store
    from newsfold.pipeline.types import Draft
    from newsfold.sources.outlets import outlet

    sources = [outlet(f"Bench Outlet {i}") for i in range(8)]
    drafts = [
        Draft(
            title=doc.title,
            text=doc.text,
            url=f"https://bench{i % 8}.example/{doc.id}",
            published_at=doc.published_at,
            fetched_at=doc.published_at,
        )
        for i, doc in enumerate(itertools.islice(full_text_stream(), N))
    ]
    for label in ("first pass", "second pass (all already stored)"):
        start = time.perf_counter()
        for i, d in enumerate(drafts):
            store(d, sources[i % len(sources)])
        elapsed = time.perf_counter() - start
        print(f"store, {label}: {N} drafts in {elapsed:.1f} s = {N / elapsed:.0f} drafts/s")
    stories = Story.objects.filter(merged_into=None).count()
    print(f"  {Article.objects.count()} articles, {stories} stories")


if __name__ == "__main__":
    main()

"""Related coverage that relates: of each article's top 3 related articles (from other
stories), the share from its own ECB+ topic (`ecbplus_story` dev of ../shared/data/
clustering; each topic holds two events of one kind, so the share asks for the topic,
not the event). The articles are stored through the real path into a fresh SQLite file,
in file order, an hour apart. Goal (issue "Stories a news editor would sign"): >= 0.80.
"""

import json
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "clustering" / "dev" / "ecbplus_story.jsonl"
GOAL = 0.80
TOP = 3


def topic(record_id: str) -> str:
    """ECB+ ids read "ecb:<topic>_<doc>ecb" or "...ecbplus": the topic is the first number."""
    return record_id.split(":", 1)[-1].split("_", 1)[0]


def main() -> None:
    if not DATA.exists():
        print("related: skipped, ../shared/data/clustering not present")
        return
    records = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    tmp = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/related.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsfold.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from newsfold.news.models import Article
    from newsfold.news.related import related_ids
    from newsfold.news.store import store
    from newsfold.pipeline.types import Draft
    from newsfold.sources.outlets import outlet

    start = datetime(2026, 11, 1, tzinfo=UTC)
    topics: dict[int, str] = {}
    for n, rec in enumerate(records):
        when = start + timedelta(hours=n)
        draft = Draft(
            title=rec["title"],
            text=rec["body"],
            url=f"https://outlet{n % 12}.example/{n}",
            published_at=when,
            fetched_at=when,
        )
        stored = store(draft, outlet(f"Outlet {n % 12}"))
        if stored.article_id is not None:
            topics.setdefault(stored.article_id, topic(rec["id"]))
    shares = []
    for article in Article.objects.filter(pk__in=topics):
        found = related_ids(article, TOP)
        if found:
            shares.append(sum(topics.get(pk) == topics[article.pk] for pk in found) / len(found))
    share = sum(shares) / len(shares) if shares else 0.0
    print(
        f"related top-{TOP} own-topic share on ecbplus_story dev: {share:.3f}"
        f" over {len(shares)} of {len(topics)} articles with related articles"
    )
    print(f"goal related own-topic share >= {GOAL:.2f}: {'met' if share >= GOAL else 'NOT met'}")


if __name__ == "__main__":
    main()

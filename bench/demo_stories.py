"""The demo corpus's events as stories: every event in one story, all its languages
included (completeness), and no story holding two events (purity).

`demo/manifest.json` is the truth: each event lists the addresses of its articles, in
English, Arabic and French. The corpus goes through the real importer (`newsfold import`,
as `make demo` runs it) into a fresh SQLite file. Goal (issue "Stories a news editor would
sign"): every event one story, no story with two events.
"""

import json
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEMO = ROOT / "demo"


def main() -> None:
    tmp = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/demo.sqlite3"
    os.environ["NEWSFOLD_DATA_DIR"] = tmp
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsfold.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from newsfold.ingestion.files import import_paths
    from newsfold.news.models import ArticleCopy

    parts = [DEMO / "outlets.opml", DEMO / "feeds", DEMO / "pages", DEMO / "dumps"]
    import_paths(parts, captured_at=datetime(2026, 11, 20, 12, tzinfo=UTC))
    manifest = json.loads((DEMO / "manifest.json").read_text(encoding="utf-8"))
    events_of: dict[int, set[str]] = {}
    whole = 0
    shares = []
    for event in manifest["events"]:
        copies = ArticleCopy.objects.filter(url__in=event["article_urls"]).select_related("article")
        articles = {c.article_id: c.article for c in copies}
        stories = [a.story_id for a in articles.values()]
        main_story = max(set(stories), key=stories.count)
        share = stories.count(main_story) / len(stories)
        shares.append(share)
        whole += share == 1.0
        for story in stories:
            events_of.setdefault(story, set()).add(event["id"])
        languages = sorted({a.language or "?" for a in articles.values()})
        print(
            f"demo event {event['id']:<16} {len(articles)} articles"
            f" ({', '.join(languages)}) in {len(set(stories))} stories"
        )
    mixed = sum(len(events) > 1 for events in events_of.values())
    events = len(manifest["events"])
    print(
        f"demo completeness: {whole} of {events} events whole"
        f" (mean share in the event's main story {sum(shares) / events:.3f})"
    )
    print(f"demo purity: {mixed} stories hold two events or more")
    met = whole == events and mixed == 0
    print(f"goal every demo event one story, none mixed: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()

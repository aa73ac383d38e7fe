"""The demo corpus goes through the real importer and shows what newsfold does."""

import json
from datetime import UTC, datetime

import pytest

from newsfold.ingestion.files import import_paths
from newsfold.news.models import Article, ArticleCopy
from newsfold.sources.models import Feed, Source
from tests.conftest import ROOT

DEMO = ROOT / "demo"
MANIFEST = json.loads((DEMO / "manifest.json").read_text())
PARTS = [DEMO / "outlets.opml", DEMO / "feeds", DEMO / "pages", DEMO / "dumps"]
CAPTURED = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def demo(db):
    report = import_paths(PARTS, captured_at=CAPTURED)
    assert not report.failed_files, report.lines()
    return report


def _article_of(url: str) -> Article:
    return ArticleCopy.objects.select_related("article").get(url=url).article


def test_every_outlet_and_feed_is_there_with_its_region(demo):
    assert Source.objects.count() >= 8
    assert Feed.objects.count() == len(MANIFEST["outlets"])
    for o in MANIFEST["outlets"]:
        source = Source.objects.get(host=o["homepage"].split("/")[2])
        assert (source.region, source.language) == (o["region"], o["language"])


def test_one_article_per_distinct_text(demo):
    assert Article.objects.count() == MANIFEST["counts"]["distinct_texts"] >= 60


def test_wire_copies_fold_into_one_article_with_the_fuller_text(demo):
    for story in MANIFEST["wire_stories"]:
        articles = {_article_of(c["url"]).pk for c in story["copies"]}
        assert len(articles) == 1, story["id"]
        article = Article.objects.get(pk=articles.pop())
        assert article.copies.count() == len(story["copies"])
        full = [c for c in story["copies"] if not c["truncated"]]
        assert article.url in {c["url"] for c in full}


def test_summary_entries_get_the_text_of_their_page(demo):
    courier = next(o for o in MANIFEST["outlets"] if not o["full_text_in_feed"])
    source = Source.objects.get(host=courier["homepage"].split("/")[2])
    texts = [a.text for a in Article.objects.filter(copies__source=source).distinct()]
    assert texts and all(len(t.split()) >= 100 for t in texts)


def test_the_text_capture_folds_into_the_articles_it_repeats(demo):
    dump = next(f for f in demo.files if f.path.endswith(".txt"))
    assert dump.tally.added == 0
    assert dump.tally.folded + dump.tally.skipped == 1 + len(MANIFEST["dump"]["related"])


def test_the_hostile_page_is_stored_without_anything_executable(demo):
    hostile = [a for a in MANIFEST["articles"] if a.get("hostile")]
    assert hostile
    for entry in hostile:
        article = _article_of(entry["url"])
        assert len(article.text.split()) >= 100  # the page's text, not the feed's summary
        html = article.html.lower()
        assert "<script" not in html and "onerror" not in html and "javascript:" not in html


def test_importing_the_demo_again_adds_nothing(demo):
    before = (Article.objects.count(), ArticleCopy.objects.count(), Feed.objects.count())
    again = import_paths(PARTS, captured_at=CAPTURED)
    assert (again.total("added"), again.total("folded"), again.total("updated")) == (0, 0, 0)
    assert (Article.objects.count(), ArticleCopy.objects.count(), Feed.objects.count()) == before


def test_each_demo_event_is_one_story_in_every_language_and_no_story_mixes_two(demo):
    story_events: dict[int, set[str]] = {}
    for event in MANIFEST["events"]:
        articles = {_article_of(url) for url in event["article_urls"]}
        languages = {a.language for a in articles}
        stories = {a.story_id for a in articles}
        assert len(stories) == 1, (event["id"], sorted(languages))
        story_events.setdefault(stories.pop(), set()).add(event["id"])
    assert all(len(events) == 1 for events in story_events.values())
    # The events are told in English, Arabic and French; each language joined its story.
    assert {"en", "ar", "fr"} <= {a.language for a in Article.objects.exclude(story=None)}

"""Acceptance: the two seed captures of one aggregator page import as 7 articles."""

from datetime import UTC, datetime, timedelta

import pytest

from newsfold.ingestion.files import import_paths
from newsfold.news.models import Article
from tests.conftest import shared_path

CAPTURED = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
CHROME_SHAPES = ("logo", "comments", "no comments yet", "related articles", "try our ai")


def _lines(path):
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def seeds(db):
    folder = shared_path("seeds")
    files = sorted(folder.glob("*.txt"))
    report = import_paths(files, captured_at=CAPTURED)
    assert not report.failed_files
    return files


def test_both_captures_give_seven_articles(seeds):
    assert Article.objects.count() == 7


def test_the_main_article_has_both_captures_as_copies_and_its_lead(seeds):
    first, second = (_lines(p) for p in seeds)
    # The main title is the first non-empty line of the capture without the "logo" line.
    title = next(line for line in first if line)
    main = Article.objects.get(title=title)
    assert main.copies.count() == 2
    # The lead paragraph is the one the fuller capture has and the other lacks.
    body_first = set(first)
    lead = next(line for line in second if len(line.split()) > 15 and line not in body_first)
    assert main.text.startswith(lead)
    assert all(p in main.text for p in first[2:10] if len(p.split()) > 8)


def test_related_articles_carry_their_outlet_and_time(seeds):
    related = [a for a in Article.objects.all() if a.copies.count() == 1]
    assert len(related) == 6
    text = "\n".join("\n".join(_lines(p)) for p in seeds)
    for article in related:
        assert article.source.name and article.source.name != "Unattributed"
        assert article.source.name in text
        assert CAPTURED - timedelta(days=3) <= article.published_at <= CAPTURED


def test_no_line_of_site_chrome_reaches_an_article(seeds):
    paragraphs = [p.strip() for a in Article.objects.all() for p in a.text.split("\n\n")]
    for para in paragraphs:
        assert para.lower() not in CHROME_SHAPES
    # Short lines are chrome, except a one-word agency credit closing a text.
    assert all(len(p.split()) > 6 for p in paragraphs if len(p.split()) > 1)
    # Whatever follows the last article body (the app footer) is in no article.
    for path in seeds:
        lines = [line for line in _lines(path) if line]
        last_body = max(i for i, line in enumerate(lines) if len(line.split()) > 60)
        for footer_line in lines[last_body + 1 :]:
            assert all(footer_line not in p for p in paragraphs)


def test_importing_the_seeds_again_adds_nothing(seeds):
    before = (Article.objects.count(), sum(a.copies.count() for a in Article.objects.all()))
    report = import_paths(seeds, captured_at=CAPTURED)
    after = (Article.objects.count(), sum(a.copies.count() for a in Article.objects.all()))
    assert after == before
    assert report.total("added") == report.total("folded") == 0

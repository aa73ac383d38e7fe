"""Acceptance on the seed page (../shared/seeds, read, never copied): its main article's
summary, names, section and answers, through the real importer and enrichment."""

from datetime import UTC, datetime

import pytest

from newsfold.news import insights
from newsfold.news.models import Article
from newsfold.pipeline.enrich import sentences
from tests.conftest import shared_path

pytestmark = [pytest.mark.shared, pytest.mark.django_db]
CAPTURED = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def main_article():
    from newsfold.ingestion.files import import_paths

    files = sorted(shared_path("seeds").glob("*.txt"))
    assert not import_paths(files, captured_at=CAPTURED).failed_files
    insights.enrich_due(limit=None)
    title = next(line.strip() for line in files[0].read_text().splitlines() if line.strip())
    return Article.objects.get(title=title)


def test_the_summary_is_made_of_the_articles_own_sentences(main_article):
    own = set(sentences.split(main_article.text))
    summary = main_article.insight.summary
    assert len(summary) == 3
    assert all(item["text"] in own for item in summary)


def test_hashtags_name_its_people_and_places_and_it_has_a_section(main_article):
    tags = {t.name for t in main_article.hashtags.all()}
    for name in ("Wang Yi", "Sergei Lavrov", "Kim Jong Un", "Beijing", "North Korea", "Wonsan"):
        assert name in tags, tags
    assert "Lavrov" not in tags  # one tag for the person, however the text names him
    assert main_article.category == "world"
    assert main_article.language == "en"


def test_where_kim_met_lavrov_is_answered_with_a_citation_naming_wonsan(main_article):
    result = insights.ask(main_article.story, "Where did Kim Jong Un meet Lavrov?")
    assert result["covered"]
    assert any("Wonsan" in c["text"] for c in result["citations"])
    assert {c["outlet"] for c in result["citations"]} == {main_article.source.name}


def test_a_question_the_coverage_does_not_answer_is_not_covered(main_article):
    result = insights.ask(
        main_article.story, "What did the Brazilian president say about football?"
    )
    assert not result["covered"] and result["citations"] == []

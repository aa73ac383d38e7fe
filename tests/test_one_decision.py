"""Ingestion and `newsfold group` make one decision: the same dev stream through the database
lookups (`news.store`) and through the in-memory ones (`pipeline.grouping`) gives the same
articles and the same stories."""

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from newsfold.news.models import Article
from newsfold.news.store import store
from newsfold.news.stories import final
from newsfold.pipeline.cluster import StoryDoc
from newsfold.pipeline.grouping import Grouper, read_docs
from newsfold.pipeline.types import Draft
from newsfold.sources.outlets import outlet
from tests.conftest import shared_path

pytestmark = [pytest.mark.shared, pytest.mark.django_db]

START = datetime(2026, 11, 1, tzinfo=UTC)


def _stream(name: str, size: int) -> list[StoryDoc]:
    """The file's first documents, each dated (a minute apart where the file has no dates)
    and named after an outlet, as ingestion always has both."""
    path = shared_path("data", "clustering", "dev", f"{name}.jsonl")
    with path.open(encoding="utf-8") as lines:
        # Ingestion stores no article without text; `newsfold group` groups a headline.
        with_text = (doc for doc in read_docs(lines) if doc.text.strip())
        docs = list(itertools.islice(with_text, size))
    for n, doc in enumerate(docs):
        doc.published_at = doc.published_at or START + timedelta(minutes=n)
        doc.source = doc.source or "Dev Wire"
    return docs


def _partition(groups: dict[str, str]) -> set[frozenset[str]]:
    members: dict[str, set[str]] = {}
    for doc, group in groups.items():
        members.setdefault(group, set()).add(doc)
    return {frozenset(m) for m in members.values()}


@pytest.mark.parametrize(("name", "size"), [("ecbplus_neardup", 200), ("ecbplus_story", 150)])
def test_database_and_memory_lookups_decide_alike(name, size):
    docs = _stream(name, size)
    grouper = Grouper()
    in_memory = [grouper.add(doc) for doc in docs]

    article_of = {}
    for doc in docs:
        draft = Draft(
            title=doc.title,
            text=doc.text,
            url=f"https://dev.example/{doc.id}",
            published_at=doc.published_at,
            fetched_at=doc.published_at,
            language=doc.language or "",
        )
        article_of[doc.id] = store(draft, outlet(doc.source)).article_id
    stored = Article.objects.select_related("story").in_bulk(set(article_of.values()))
    story_of = {d: final(stored[a].story).pk for d, a in article_of.items()}

    assert _partition(article_of) == _partition({g.id: g.article for g in in_memory})
    assert _partition(story_of) == _partition({g.id: grouper.final(g.story) for g in in_memory})

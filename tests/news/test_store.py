"""Storing drafts: one article per distinct text, copies for each place it was found."""

from datetime import UTC, datetime

import pytest

from newsfold.news.models import Article, ArticleCopy
from newsfold.news.store import ADDED, FOLDED, SKIPPED, UPDATED, store
from newsfold.pipeline.types import Draft
from newsfold.sources.outlets import UNATTRIBUTED, outlet
from tests.ingest.feedbuilder import article_text

pytestmark = pytest.mark.django_db
WHEN = datetime(2026, 11, 19, 9, 0, tzinfo=UTC)


def draft(text: str, url: str, title: str = "Gales close the strait", **kw) -> Draft:
    return Draft(title=title, text=text, url=url, published_at=WHEN, fetched_at=WHEN, **kw)


def test_the_same_text_from_another_outlet_becomes_a_copy():
    a = store(draft(article_text(1), "https://ledger.example/1"), outlet("Harbour Ledger"))
    b = store(
        draft(article_text(1), "https://courier.example/x", title="Strait closed by gales"),
        outlet("Northgate Courier"),
    )
    assert (a.outcome, b.outcome) == (ADDED, FOLDED)
    assert Article.objects.count() == 1
    names = sorted(c.source.name for c in ArticleCopy.objects.select_related("source"))
    assert names == ["Harbour Ledger", "Northgate Courier"]


def test_the_fuller_text_wins_whichever_arrives_first():
    full = article_text(2)
    cut = "\n\n".join(full.split("\n\n")[:3])
    store(draft(cut, "https://courier.example/cut"), outlet("Northgate Courier"))
    result = store(draft(full, "https://ledger.example/full"), outlet("Harbour Ledger"))
    article = Article.objects.get()
    assert result.outcome == FOLDED
    assert article.text == full
    assert article.source.name == "Harbour Ledger"
    assert article.copies.count() == 2


def test_a_shorter_copy_arriving_later_keeps_the_fuller_text():
    full = article_text(3)
    store(draft(full, "https://ledger.example/full"), outlet("Harbour Ledger"))
    cut = "\n\n".join(full.split("\n\n")[1:])
    store(draft(cut, "https://courier.example/cut"), outlet("Northgate Courier"))
    assert Article.objects.get().text == full


def test_storing_the_same_place_twice_changes_nothing():
    source = outlet("Harbour Ledger")
    store(draft(article_text(4), "https://ledger.example/4"), source)
    again = store(draft(article_text(4), "https://ledger.example/4"), source)
    assert again.outcome == SKIPPED
    assert ArticleCopy.objects.count() == 1


def test_a_page_that_grew_updates_its_article():
    source = outlet("Harbour Ledger")
    store(draft("Gales stop the island ferries.", "https://ledger.example/5"), source)
    grown = store(draft(article_text(5), "https://ledger.example/5"), source)
    assert grown.outcome == UPDATED
    assert Article.objects.get().text == article_text(5)
    assert ArticleCopy.objects.count() == 1


def test_different_articles_stay_apart():
    store(draft(article_text(6), "https://ledger.example/6"), outlet("Harbour Ledger"))
    store(draft(article_text(7), "https://ledger.example/7"), outlet("Harbour Ledger"))
    assert Article.objects.count() == 2


def test_a_draft_without_text_is_skipped_with_a_reason():
    result = store(draft("   ", "https://ledger.example/empty"), outlet("Harbour Ledger"))
    assert result.outcome == SKIPPED and result.reason == "no article text"
    assert Article.objects.count() == 0


def test_an_unattributed_capture_takes_the_outlet_of_a_named_copy():
    full = article_text(8)
    store(draft(full, ""), outlet(UNATTRIBUTED))
    store(draft("\n\n".join(full.split("\n\n")[1:]), ""), outlet("Harbour Ledger"))
    article = Article.objects.get()
    assert article.source.name == "Harbour Ledger"
    assert article.text == full


def test_a_place_named_with_credentials_is_the_same_place_without_them():
    text = article_text(9)
    plain, named = "https://ledger.example/9", "https://reader:pw@ledger.example/9"
    for url in (plain, named, plain):
        stored = store(draft(text, url), outlet("Harbour Ledger"))
    assert stored.outcome == SKIPPED
    assert ArticleCopy.objects.get().url == plain

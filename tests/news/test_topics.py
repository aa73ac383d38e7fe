"""A hashtag's page is a topic page: how many articles, the stories it runs through, the
names that come with it most; then its articles."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from newsfold.news.models import Article, Tag
from newsfold.news.store import store
from newsfold.pipeline.types import Draft
from newsfold.sources.outlets import outlet
from tests.enrich.coverage import STORY

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 11, 19, 8, 0, tzinfo=UTC)


def test_a_hashtag_page_shows_its_stories_and_the_names_that_come_with_it():
    articles = []
    for n, doc in enumerate(STORY):
        draft = Draft(
            title=doc.title,
            text=doc.text,
            url=f"https://outlet{n}.example/ferry",
            published_at=T0 + timedelta(hours=n),
            tags=["Ferry safety"],
        )
        articles.append(Article.objects.get(pk=store(draft, outlet(doc.outlet)).article_id))
    tag = Tag.objects.get(name="Ferry safety")
    html = Client().get(f"/t/{tag.slug}/").content.decode()
    assert "3 articles" in html
    story = articles[0].story
    assert f'href="/s/{story.pk}/{story.slug}/"' in html
    assert "Often with" in html and "#Port Ellis" in html
    port = Tag.objects.get(name="Port Ellis")
    assert (tag.kind, port.kind) == ("", "place")
    assert "Place ·" in Client().get(f"/t/{port.slug}/").content.decode()
    older = Client().get(f"/t/{tag.slug}/", {"after": "x"}).content.decode()
    assert "Often with" not in older  # the topic heads the first page only


def test_refiling_gives_tags_made_before_kinds_their_kind():
    from newsfold.news.filing import file_article

    doc = STORY[0]
    draft = Draft(title=doc.title, text=doc.text, url="https://o.example/1", published_at=T0)
    article = Article.objects.select_related("source").get(
        pk=store(draft, outlet(doc.outlet)).article_id
    )
    Tag.objects.filter(name="Port Ellis").update(kind="")  # as stored by an older version
    file_article(article)
    assert Tag.objects.get(name="Port Ellis").kind == "place"

"""What a feed out holds: articles and stories as plain entries, whichever format writes them.

The rows come from the site's own queries (`news.home`, `news.browse`, `community.personal`),
so a feed shows what its page shows. Everything here is plain text: the writers decide how
each format carries it (`feedwriter.py`), so no third party's markup can reach a reader.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models.functions import Substr
from django.urls import reverse

from newsfold.news.home import TopStory
from newsfold.news.labels import category_name
from newsfold.news.models import Article
from newsfold.news.seo import absolute
from newsfold.news.views import opening

ARTICLES = 50  # items in an article feed
STORIES = 30  # items in a story feed: a story item stands for many articles
OPENING = 400  # characters of a text read for its summary (`news.views.opening` cuts 200)


@dataclass(frozen=True)
class Outlet:
    name: str
    page: str  # our outlet page
    feed: str  # our outlet's RSS feed: what RSS's <source> points to


@dataclass(frozen=True)
class Entry:
    id: str  # our page's short address: stays when a title (and so the slug) changes
    title: str
    link: str  # our page, canonical
    original: str  # the publisher's own address ("" when unknown)
    outlet: Outlet
    published: datetime
    updated: datetime
    summary: str  # plain text
    section: tuple[str, str] | None  # (slug, name)
    language: str


@dataclass(frozen=True)
class Feed:
    title: str
    description: str
    page: str  # the site's page this feed follows
    address: dict[str, str]  # the feed's own address in each format
    entries: list[Entry]
    personal: bool = False


def outlet_of(request, article: Article) -> Outlet:
    slug = article.source.slug
    return Outlet(
        article.source.name,
        absolute(request, reverse("news:outlet", args=[slug])),
        absolute(request, reverse("feeds-outlet", args=[slug, "rss"])),
    )


def summaries(ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """Each article's (summary, section slug) in one read of the opening of its text: the
    listings load neither."""
    rows = Article.objects.filter(pk__in=list(ids)).annotate(start=Substr("text", 1, OPENING))
    return {
        pk: (opening(start or ""), section)
        for pk, start, section in rows.values_list("pk", "start", "category")
    }


def article_entries(request, articles: list[Article]) -> list[Entry]:
    """Articles with their outlet loaded; their text need not be (only its opening is read)."""
    read = summaries(a.pk for a in articles)
    return [
        Entry(
            id=absolute(request, reverse("news:article-short", args=[a.pk])),
            title=a.title,
            link=absolute(request, reverse("news:article", args=[a.pk, a.slug])),
            original=a.url,
            outlet=outlet_of(request, a),
            published=a.published_at,
            updated=a.published_at,
            summary=read.get(a.pk, ("", ""))[0],
            section=_section(read.get(a.pk, ("", ""))[1]),
            language=a.language,
        )
        for a in articles
    ]


def story_entries(request, stories: list[TopStory]) -> list[Entry]:
    """One item a story, linking the story page; its lead article (as the reader sees it)
    gives the outlet, the original and the summary."""
    read = summaries(t.lead.pk for t in stories if t.lead)
    found = []
    for t in stories:
        story, lead = t.story, t.lead
        if lead is None:
            continue
        coverage = _coverage(story.article_count, story.outlet_count)
        summary = " ".join(part for part in (read.get(lead.pk, ("", ""))[0], coverage) if part)
        found.append(
            Entry(
                id=absolute(request, reverse("news:story-short", args=[story.pk])),
                title=story.headline,
                link=absolute(request, reverse("news:story", args=[story.pk, story.slug])),
                original=lead.url,
                outlet=outlet_of(request, lead),
                published=story.first_seen,
                updated=story.last_updated,
                summary=summary,
                section=None,
                language=lead.language,
            )
        )
    return found


def _coverage(articles: int, outlets: int) -> str:
    def count(n: int, noun: str) -> str:
        return f"{n} {noun}" if n == 1 else f"{n} {noun}s"

    return f"({count(articles, 'article')} from {count(outlets, 'outlet')})"


def _section(slug: str) -> tuple[str, str] | None:
    return (slug, category_name(slug)) if slug else None

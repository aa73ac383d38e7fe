"""A hashtag's topic page: beyond its articles, the stories it runs through and the names
that come with it most, read from its latest articles only (a page costs the same however
old the tag)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from newsfold.news.models import Article, ArticleTag, Story, Tag
from newsfold.news.reader import ANONYMOUS, Reader

RECENT = 200
STORIES = 5
COMPANIONS = 8


@dataclass
class Topic:
    articles: int
    stories: list[Story]
    companions: list[Tag]


def topic(tag: Tag, reader: Reader = ANONYMOUS) -> Topic:
    """What the reader may see of it: their muted outlets and words are in no part."""
    links = reader.visible(ArticleTag.objects.filter(tag=tag), prefix="article__")
    ids = list(links.order_by("-published_at").values_list("article_id", flat=True)[:RECENT])
    found = list(
        Story.objects.filter(articles__in=ids, merged_into__isnull=True)
        .annotate(tagged=Count("articles", filter=Q(articles__in=ids)))
        .filter(tagged__gt=0)
        .order_by("-tagged", "-last_updated")[: STORIES * 2]
    )
    # A story's headline is its lead article's title: a muted lead hides the story here.
    shown = set(
        reader.visible(Article.objects.filter(pk__in=[s.lead_id for s in found])).values_list(
            "pk", flat=True
        )
    )
    stories = [s for s in found if s.lead_id in shown or s.lead_id is None][:STORIES]
    companions = list(
        Tag.objects.filter(article_links__article_id__in=ids)
        .exclude(pk=tag.pk)
        .annotate(together=Count("article_links"))
        .filter(together__gte=2)
        .order_by("-together", "name")[:COMPANIONS]
    )
    return Topic(articles=links.count(), stories=stories, companions=companions)

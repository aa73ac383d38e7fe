"""A hashtag's topic page: beyond its articles, the stories it runs through and the names
that come with it most, read from its latest articles only (a page costs the same however
old the tag)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from newsfold.news.models import ArticleTag, Story, Tag

RECENT = 200
STORIES = 5
COMPANIONS = 8


@dataclass
class Topic:
    articles: int
    stories: list[Story]
    companions: list[Tag]


def topic(tag: Tag) -> Topic:
    links = ArticleTag.objects.filter(tag=tag)
    ids = list(links.order_by("-published_at").values_list("article_id", flat=True)[:RECENT])
    stories = list(
        Story.objects.filter(articles__in=ids, merged_into__isnull=True)
        .annotate(tagged=Count("articles", filter=Q(articles__in=ids)))
        .filter(tagged__gt=0)
        .order_by("-tagged", "-last_updated")[:STORIES]
    )
    companions = list(
        Tag.objects.filter(article_links__article_id__in=ids)
        .exclude(pk=tag.pk)
        .annotate(together=Count("article_links"))
        .filter(together__gte=2)
        .order_by("-together", "name")[:COMPANIONS]
    )
    return Topic(articles=links.count(), stories=stories, companions=companions)

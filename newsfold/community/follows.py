"""What a follow names, and which articles it takes in: one rule for the site's Follow
buttons, "For you", the JSON API and the reader-app protocols.

A follow is (kind, key): a hashtag's slug, an outlet's slug, a section's slug, or a story's
id. A followed story that was merged into another follows the story that holds its
articles now.
"""

from __future__ import annotations

from django.db.models import Q

from newsfold.ids import valid_id
from newsfold.news.labels import category_name
from newsfold.news.models import ArticleTag, Story, Tag
from newsfold.news.stories import final
from newsfold.pipeline.sections import CATEGORIES
from newsfold.sources.models import Source


def story_of(key: str) -> Story | None:
    if not (key.isascii() and key.isdigit()) or not valid_id(int(key)):
        return None
    story = Story.objects.filter(pk=int(key)).first()
    return final(story) if story is not None else None


def title_of(kind: str, key: str) -> str | None:
    """The name a follow is shown by; None when what it names does not exist."""
    if kind == "tag":
        name = Tag.objects.filter(slug=key).values_list("name", flat=True).first()
        return None if name is None else f"#{name}"
    if kind == "outlet":
        return Source.objects.filter(slug=key).values_list("name", flat=True).first()
    if kind == "section":
        return category_name(key) if key in CATEGORIES else None
    if kind == "story":
        story = story_of(key)
        return None if story is None else story.headline
    return None


def followable(kind: str, key: str) -> bool:
    return title_of(kind, key) is not None


def matching(kind: str, key: str) -> Q:
    """The articles one follow takes in (a condition on Article)."""
    if kind == "tag":
        return Q(pk__in=ArticleTag.objects.filter(tag__slug=key).values("article_id"))
    if kind == "outlet":
        return Q(source__slug=key)
    if kind == "section":
        return Q(category=key)
    story = story_of(key) if kind == "story" else None
    return Q(story_id=story.pk) if story is not None else Q(pk__in=[])

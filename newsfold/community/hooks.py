"""Where the reader's doings meet the news pages, wired at start-up (`apps.py`)."""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from newsfold.community.models import Read, StoryVisit
from newsfold.news import versions
from newsfold.news.reader import viewed


def comments_version(column: str):
    sql = f"SELECT COUNT(*), MAX(changed_at) FROM community_comment WHERE {column} = %s"  # noqa: S608 - a fixed column name

    def part(pk: int) -> tuple:
        with connection.cursor() as cursor:
            cursor.execute(sql, [pk])
            count, changed = cursor.fetchone()
        return count, str(changed)

    return part


ARTICLE_COMMENTS = comments_version("article_id")
STORY_COMMENTS = comments_version("story_id")


def record_view(sender, request, article: int | None = None, story: int | None = None, **_):
    """Opening an article marks it read; opening a story moves its "last visit" on."""
    user_id = request.reader.user_id
    now = timezone.now()
    try:
        with transaction.atomic():
            if article is not None:
                Read.objects.get_or_create(user_id=user_id, article_id=article)
            if story is not None:
                updated = StoryVisit.objects.filter(user_id=user_id, story_id=story).update(
                    seen_at=now
                )
                if not updated:
                    StoryVisit.objects.create(user_id=user_id, story_id=story, seen_at=now)
    except IntegrityError:
        pass  # the same page opened twice at once: the other request recorded it


def connect() -> None:
    versions.extend("article", ARTICLE_COMMENTS)
    versions.extend("story", STORY_COMMENTS)
    viewed.connect(record_view, dispatch_uid="community.record_view")

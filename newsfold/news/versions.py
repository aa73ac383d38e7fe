"""What a kept page's key is made of: one small indexed read per page.

A kept page answers after this read alone, so it goes to the database in plain SQL: building
the same query through the ORM cost more than reading it (about a quarter of a kept page's
answer). The values only need to change when the page would; their form does not matter.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection

# What other apps show on a page and so must be part of its key: e.g. the comments under
# an article. An app above `news` adds its part at start-up (`extend`); `news` never
# imports it.
_EXTRA: dict[str, list[Callable[[int], object]]] = {"article": [], "story": []}


def extend(kind: str, part: Callable[[int], object]) -> None:
    """`part(pk)` becomes part of every kept `kind` page's version."""
    if part not in _EXTRA[kind]:
        _EXTRA[kind].append(part)


def _extra(kind: str, pk: int) -> tuple:
    return tuple(part(pk) for part in _EXTRA[kind])


def _one(sql: str, params: list) -> tuple | None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def article(pk: int) -> tuple[str, tuple] | None:
    """(title, version): the article's own update and its story's, which the page shows,
    and when their AI features were computed."""
    row = _one(
        "SELECT a.title, a.updated_at, s.last_updated, ai.computed_at, si.computed_at"
        " FROM news_article a LEFT JOIN news_story s ON s.id = a.story_id"
        " LEFT JOIN news_articleinsight ai ON ai.article_id = a.id"
        " LEFT JOIN news_storyinsight si ON si.story_id = a.story_id WHERE a.id = %s",
        [pk],
    )
    if row is None:
        return None
    return row[0], (pk, *map(str, row[1:]), *_extra("article", pk))


def story(pk: int) -> tuple[str, int | None, tuple] | None:
    """(headline, the story it was merged into, version)."""
    row = _one(
        "SELECT headline, merged_into_id, last_updated, si.computed_at FROM news_story s"
        " LEFT JOIN news_storyinsight si ON si.story_id = s.id WHERE s.id = %s",
        [pk],
    )
    if row is None:
        return None
    return row[0], row[1], (pk, str(row[2]), str(row[3]), *_extra("story", pk))


def front() -> tuple:
    """Changes whenever the front page would: a new article, a story's update, a new story,
    an outlet added (a new edition). Each maximum is a single index lookup."""
    return _one(
        "SELECT (SELECT MAX(id) FROM news_article), (SELECT MAX(last_updated) FROM news_story),"
        " (SELECT MAX(id) FROM news_story), (SELECT MAX(id) FROM sources_source)",
        [],
    )


def newest_article() -> int | None:
    """Search results change when an article is added (or its text replaced, which the
    page's short lifetime covers)."""
    return _one("SELECT MAX(id) FROM news_article", [])[0]

"""Read and starred marks as reader apps set them: many articles at once, by id.

The site marks one article per click; an app sends a batch ("these 50 are read") or a
sweep ("everything in this feed up to that time"). Both land in the same rows the site
reads (`Read`, `Bookmark`), so a mark made in an app shows on the site and back.
An id of no article is passed over: an app may hold an article the site has since dropped.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from newsfold.community.models import Bookmark, Read
from newsfold.news.models import Article

SWEEP_LIMIT = 20_000  # articles one "mark all as read" marks at most


def _existing(ids: Iterable[int]) -> list[int]:
    return list(Article.objects.filter(pk__in=set(ids)).values_list("pk", flat=True))


def set_read(user: AbstractBaseUser, ids: Iterable[int], read: bool = True) -> None:
    found = _existing(ids)
    if read:
        Read.objects.bulk_create(
            [Read(user=user, article_id=pk) for pk in found], ignore_conflicts=True
        )
    else:
        Read.objects.filter(user=user, article_id__in=found).delete()


def set_starred(user: AbstractBaseUser, ids: Iterable[int], starred: bool = True) -> None:
    found = _existing(ids)
    if starred:
        Bookmark.objects.bulk_create(
            [Bookmark(user=user, article_id=pk) for pk in found], ignore_conflicts=True
        )
    else:
        Bookmark.objects.filter(user=user, article_id__in=found).delete()


def read_all(user: AbstractBaseUser, rows: QuerySet) -> int:
    """Mark read what `rows` holds (the caller cuts it at the time the app gives, so what
    arrived after the app last looked stays unread). Returns how many were marked."""
    ids = list(unread(user, rows).order_by("-id").values_list("pk", flat=True)[:SWEEP_LIMIT])
    Read.objects.bulk_create([Read(user=user, article_id=pk) for pk in ids], ignore_conflicts=True)
    return len(ids)


def unread(user: AbstractBaseUser, rows: QuerySet) -> QuerySet:
    return rows.exclude(pk__in=Read.objects.filter(user=user).values("article_id"))


def read_among(user: AbstractBaseUser, ids: Iterable[int]) -> set[int]:
    return set(
        Read.objects.filter(user=user, article_id__in=list(ids)).values_list(
            "article_id", flat=True
        )
    )


def starred_among(user: AbstractBaseUser, ids: Iterable[int]) -> set[int]:
    return set(
        Bookmark.objects.filter(user=user, article_id__in=list(ids)).values_list(
            "article_id", flat=True
        )
    )


def starred(user: AbstractBaseUser) -> QuerySet:
    """Every article the reader saved, followed or not."""
    return Article.objects.filter(pk__in=Bookmark.objects.filter(user=user).values("article_id"))


def read(user: AbstractBaseUser) -> QuerySet:
    """Every article the reader has read."""
    return Article.objects.filter(pk__in=Read.objects.filter(user=user).values("article_id"))

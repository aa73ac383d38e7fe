"""What a signed-in reader does, over the API: preferences and mutes, follows, saved
articles, read marks, "For you", comments. Every rule is the site's own (community/), so a
token can do exactly what its owner could do on the pages, and no more."""

from __future__ import annotations

import contextlib

from django.db import IntegrityError
from django.shortcuts import get_object_or_404
from django_ratelimit.core import is_ratelimited
from ninja import Path, Router
from ninja.errors import HttpError

from newsfold.api import schemas
from newsfold.api.auth import READER, reader, reader_or_anonymous
from newsfold.api.shapes import article_item, story_item
from newsfold.community import comments, personal
from newsfold.community.follows import followable
from newsfold.community.models import Bookmark, Comment, Follow, Read
from newsfold.community.prefs import muted_words_from, profile_of
from newsfold.community.views import address_rate, comment_rate
from newsfold.ids import MAX_ID
from newsfold.news.models import Article, Story
from newsfold.news.stories import final
from newsfold.sources.models import Source

router = Router(auth=READER, tags=["reader"])
RowId = Path(..., ge=1, le=MAX_ID)


def _me(request) -> dict:
    profile = profile_of(request.user)
    slugs = dict(Source.objects.filter(pk__in=profile.muted_outlets).values_list("pk", "slug"))
    return {
        "username": request.user.get_username(),
        "edition": profile.edition,
        "language": profile.language,
        "muted_words": profile.muted_words,
        "muted_outlets": [slugs[pk] for pk in profile.muted_outlets if pk in slugs],
    }


@router.get("/me", response=schemas.answers(schemas.Me), summary="The caller's preferences")
def me(request):
    return _me(request)


@router.patch("/me", response=schemas.answers(schemas.Me), summary="Change muted words and outlets")
def change_mutes(request, mutes: schemas.MutesIn):
    profile = profile_of(request.user)
    if mutes.muted_words is not None:
        profile.muted_words = muted_words_from("\n".join(mutes.muted_words))
    if mutes.muted_outlets is not None:
        found = dict(Source.objects.filter(slug__in=mutes.muted_outlets).values_list("slug", "pk"))
        missing = sorted(set(mutes.muted_outlets) - set(found))
        if missing:
            raise HttpError(422, f"no such outlet: {', '.join(missing)}")
        profile.muted_outlets = sorted(found.values())
    profile.save()
    return _me(request)


@router.get(
    "/me/follows",
    response=schemas.answers(list[schemas.FollowOut]),
    summary="What the caller follows",
)
def follows(request):
    return list(
        Follow.objects.filter(user=request.user)
        .order_by("created_at", "id")
        .values("kind", "key", "created_at")
    )


@router.post(
    "/me/follows",
    response=schemas.answers(schemas.FollowOut, 201),
    summary="Follow a hashtag, outlet, section or story",
)
def follow(request, body: schemas.FollowIn):
    if not followable(body.kind, body.key):
        raise HttpError(404, f"nothing to follow: {body.kind} {body.key}")
    row, _ = Follow.objects.get_or_create(user=request.user, kind=body.kind, key=body.key)
    return 201, {"kind": row.kind, "key": row.key, "created_at": row.created_at}


@router.delete(
    "/me/follows/{kind}/{key}", response=schemas.answers(None, 204), summary="Stop following"
)
def unfollow(request, kind: str, key: str):
    Follow.objects.filter(user=request.user, kind=kind, key=key).delete()
    return 204, None


@router.get(
    "/me/for-you",
    response=schemas.answers(list[schemas.StoryItem]),
    summary="Stories from what the caller follows",
)
def for_you(request):
    return [story_item(request, t.story, t.lead, t.more) for t in personal.for_you(reader(request))]


@router.get(
    "/me/bookmarks",
    response=schemas.answers(list[schemas.ArticleItem]),
    summary="Saved articles, newest first",
)
def bookmarks(request):
    rows = reader(request).visible(
        Bookmark.objects.filter(user=request.user).select_related("article__source"),
        prefix="article__",
    )
    return [article_item(request, b.article) for b in rows.order_by("-created_at", "-id")[:500]]


@router.put(
    "/me/bookmarks/{article_id}", response=schemas.answers(None, 204), summary="Save an article"
)
def save(request, article_id: int = RowId):
    article = get_object_or_404(Article, pk=article_id)
    Bookmark.objects.get_or_create(user=request.user, article=article)
    return 204, None


@router.delete(
    "/me/bookmarks/{article_id}", response=schemas.answers(None, 204), summary="Unsave an article"
)
def unsave(request, article_id: int = RowId):
    Bookmark.objects.filter(user=request.user, article_id=article_id).delete()
    return 204, None


@router.get(
    "/me/read",
    response=schemas.answers(list[int]),
    summary="Ids of the articles the caller has read",
)
def read_ids(request):
    return list(
        Read.objects.filter(user=request.user)
        .order_by("-at")
        .values_list("article_id", flat=True)[:5000]
    )


@router.put(
    "/me/read/{article_id}", response=schemas.answers(None, 204), summary="Mark an article read"
)
def mark_read(request, article_id: int = RowId):
    article = get_object_or_404(Article, pk=article_id)
    with contextlib.suppress(IntegrityError):  # marked by a simultaneous call
        Read.objects.get_or_create(user=request.user, article=article)
    return 204, None


@router.delete(
    "/me/read/{article_id}", response=schemas.answers(None, 204), summary="Mark an article unread"
)
def mark_unread(request, article_id: int = RowId):
    Read.objects.filter(user=request.user, article_id=article_id).delete()
    return 204, None


# --- comments -------------------------------------------------------------------------


def _shown(s: comments.Shown) -> dict:
    c = s.comment
    return {
        "id": c.pk,
        "author": c.user.get_username() if c.user else None,
        "text": "" if s.removed else c.text,
        "created_at": c.created_at,
        "edited_at": c.edited_at,
        "removed": s.removed,
        "hidden_reason": c.hidden_reason if s.hidden_note else None,
        "replies": [_shown(r) for r in s.replies],
    }


def _thread(request, target) -> dict:
    shown, count = comments.thread(target, request.user)
    return {"count": count, "comments": [_shown(s) for s in shown]}


def _target(kind: str, pk: int):
    if kind == "articles":
        return get_object_or_404(Article, pk=pk)
    return final(get_object_or_404(Story, pk=pk))


def _limited(request) -> bool:
    """The site's comment limits, counted together with the site's own posts."""
    by_address = is_ratelimited(
        request,
        group="newsfold.community.views.post_comment",
        key="ip",
        rate=address_rate,
        method="POST",
        increment=True,
    )
    by_account = is_ratelimited(
        request,
        group="newsfold.community.views.post_comment",
        key="user_or_ip",
        rate=comment_rate,
        method="POST",
        increment=True,
    )
    return by_address or by_account


@router.get(
    "/{kind}/{target_id}/comments",
    response=schemas.answers(schemas.Comments),
    tags=["comments"],
    summary="Comments on an article or a story",
    auth=reader_or_anonymous,
)
def list_comments(request, kind: str, target_id: int = RowId):
    if kind not in ("articles", "stories"):
        raise HttpError(404, "comments are on articles and stories")
    return _thread(request, _target(kind, target_id))


@router.post(
    "/{kind}/{target_id}/comments",
    response=schemas.answers(schemas.Comments, 201),
    tags=["comments"],
    summary="Comment on an article or a story",
)
def post_comment(request, body: schemas.CommentIn, kind: str, target_id: int = RowId):
    if kind not in ("articles", "stories"):
        raise HttpError(404, "comments are on articles and stories")
    target = _target(kind, target_id)
    if _limited(request):
        raise HttpError(429, "Too many comments in a short time: wait a little.")
    if body.parent is not None and not 1 <= body.parent <= MAX_ID:
        raise HttpError(422, "no such comment to reply to")
    comments.post(request.user, target, body.text, body.parent)
    return 201, _thread(request, target)


@router.patch(
    "/comments/{comment_id}",
    response=schemas.answers(schemas.Comments),
    tags=["comments"],
    summary="Edit one's comment (within 15 minutes)",
)
def edit_comment(request, body: schemas.CommentEdit, comment_id: int = RowId):
    comment = get_object_or_404(Comment, pk=comment_id)
    comments.edit(request.user, comment, body.text)
    return _thread(request, comment.article or final(comment.story))


@router.delete(
    "/comments/{comment_id}",
    response=schemas.answers(None, 204),
    tags=["comments"],
    summary="Delete one's comment",
)
def delete_comment(request, comment_id: int = RowId):
    comment = get_object_or_404(Comment, pk=comment_id)
    comments.delete(request.user, comment)
    return 204, None


@router.post(
    "/comments/{comment_id}/report",
    response=schemas.answers(None, 204),
    tags=["comments"],
    summary="Report a comment to the moderators",
)
def report_comment(request, body: schemas.ReportIn, comment_id: int = RowId):
    comment = get_object_or_404(Comment, pk=comment_id)
    comments.report(request.user, comment, body.reason)
    return 204, None

"""Comments: who may do what to which, and what each reader is shown.

Every rule about a comment lives here, and every view asks here: a view never decides on
its own that a reader may edit, delete or hide. What a reader is shown is decided here too:
a hidden comment's text reaches its author (with the reason) and the moderators, nobody else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.html import urlize
from django.utils.safestring import SafeString, mark_safe

from newsfold.community.models import Comment, Report
from newsfold.news.models import Article, Story

EDIT_WINDOW = timedelta(minutes=15)
MAX_TEXT = 5000
MAX_REASON = 300
LINK_REL = "nofollow ugc noopener"


class Refused(Exception):
    """The action is not this reader's to take (or not any more); the message says why."""


@dataclass
class Shown:
    comment: Comment
    replies: list[Shown] = field(default_factory=list)
    removed: bool = False  # deleted by its author, kept only because others replied
    editable: bool = False
    deletable: bool = False
    reportable: bool = False
    hidden_note: bool = False  # hidden: shown to its author with the reason, or to moderators


def is_moderator(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.has_perm("community.moderate_comment"))


def target_filter(target: Article | Story) -> Q:
    return Q(article=target) if isinstance(target, Article) else Q(story=target)


def as_html(text: str) -> SafeString:
    """The text escaped, its web links made clickable (and marked as the reader's, not
    ours), its line breaks kept; no other markup survives."""
    linked = urlize(text, nofollow=True, autoescape=True)
    linked = linked.replace('rel="nofollow"', f'rel="{LINK_REL}"')
    return mark_safe(re.sub(r"\r\n|\r|\n", "<br>", linked))  # noqa: S308 - urlize escaped it


def clean_text(text: str) -> str:
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise Refused("A comment needs some text.")
    if len(text) > MAX_TEXT:
        raise Refused(f"A comment is at most {MAX_TEXT} characters.")
    return text


def post(user, target: Article | Story, text: str, parent_id: int | None = None) -> Comment:
    if not user.is_authenticated:
        raise Refused("Log in to comment.")
    text = clean_text(text)
    parent = None
    if parent_id is not None:
        parent = Comment.objects.filter(target_filter(target), pk=parent_id).first()
        if parent is not None and parent.parent_id:
            parent = parent.parent  # one level of replies, as the page shows them
        if parent is None or parent.hidden_at or parent.deleted_at:
            raise Refused("That comment can no longer be replied to.")
    on = {"article": target} if isinstance(target, Article) else {"story": target}
    return Comment.objects.create(user=user, parent=parent, text=text, **on)


def can_edit(user, comment: Comment) -> bool:
    return (
        user.is_authenticated
        and comment.user_id == user.pk
        and not comment.deleted_at
        and not comment.hidden_at
        and timezone.now() - comment.created_at <= EDIT_WINDOW
    )


def can_delete(user, comment: Comment) -> bool:
    return user.is_authenticated and comment.user_id == user.pk and not comment.deleted_at


def can_report(user, comment: Comment) -> bool:
    return (
        user.is_authenticated
        and comment.user_id != user.pk
        and not comment.deleted_at
        and not comment.hidden_at
    )


def edit(user, comment: Comment, text: str) -> Comment:
    if not can_edit(user, comment):
        raise Refused("Only its author can edit a comment, within 15 minutes of posting it.")
    comment.text = clean_text(text)
    comment.edited_at = comment.changed_at = timezone.now()
    comment.save(update_fields=["text", "edited_at", "changed_at"])
    return comment


def delete(user, comment: Comment) -> None:
    if not can_delete(user, comment):
        raise Refused("Only its author can delete a comment.")
    if comment.replies.exists():
        # Others answered it: the thread keeps its place, the words go.
        comment.text = ""
        comment.deleted_at = comment.changed_at = timezone.now()
        comment.save(update_fields=["text", "deleted_at", "changed_at"])
    else:
        parent = comment.parent
        comment.delete()
        if parent is not None:
            parent.changed_at = timezone.now()
            parent.save(update_fields=["changed_at"])
            if parent.deleted_at and not parent.replies.exists():
                parent.delete()


def report(user, comment: Comment, reason: str = "") -> Report:
    if not can_report(user, comment):
        raise Refused("You cannot report this comment.")
    found, _ = Report.objects.get_or_create(
        comment=comment, user=user, defaults={"reason": (reason or "").strip()[:MAX_REASON]}
    )
    return found


def hide(moderator, comment: Comment, reason: str) -> None:
    if not is_moderator(moderator):
        raise Refused("Only moderators can hide comments.")
    reason = (reason or "").strip()[:MAX_REASON]
    if not reason:
        raise Refused("Say why the comment is hidden: its author will see the reason.")
    now = timezone.now()
    comment.hidden_at = comment.changed_at = now
    comment.hidden_reason, comment.hidden_by = reason, moderator
    comment.save(update_fields=["hidden_at", "changed_at", "hidden_reason", "hidden_by"])
    comment.reports.filter(resolved_at=None).update(resolved_at=now)


def restore(moderator, comment: Comment) -> None:
    if not is_moderator(moderator):
        raise Refused("Only moderators can restore comments.")
    now = timezone.now()
    comment.hidden_at, comment.hidden_reason, comment.hidden_by = None, "", None
    comment.changed_at = now
    comment.save(update_fields=["hidden_at", "changed_at", "hidden_reason", "hidden_by"])
    comment.reports.filter(resolved_at=None).update(resolved_at=now)


def dismiss_reports(moderator, comment: Comment) -> None:
    if not is_moderator(moderator):
        raise Refused("Only moderators can dismiss reports.")
    comment.reports.filter(resolved_at=None).update(resolved_at=timezone.now())


def queue():
    """Comments with open reports, the most reported first."""
    return (
        Comment.objects.annotate(
            open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True))
        )
        .filter(open_reports__gt=0)
        .select_related("user", "article", "story")
        .order_by("-open_reports", "created_at")
    )


def thread(target: Article | Story, user) -> tuple[list[Shown], int]:
    """The comments `user` is shown on `target`, oldest first with their replies, and how
    many comments everyone can read there."""
    moderator = is_moderator(user)
    me = user.pk if user.is_authenticated else None
    rows = list(
        Comment.objects.filter(target_filter(target))
        .select_related("user")
        .order_by("created_at", "id")
    )

    def seen(c: Comment) -> Shown | None:
        if c.hidden_at and not (moderator or (me is not None and c.user_id == me)):
            return None
        return Shown(
            c,
            removed=bool(c.deleted_at),
            editable=bool(me) and can_edit(user, c),
            deletable=bool(me) and can_delete(user, c),
            reportable=bool(me) and can_report(user, c),
            hidden_note=bool(c.hidden_at),
        )

    top: dict[int, Shown] = {}
    order: list[Shown] = []
    for c in rows:
        if c.parent_id is None:
            shown = seen(c)
            if shown is not None:
                top[c.pk] = shown
                order.append(shown)
    for c in rows:
        if c.parent_id is not None and c.parent_id in top:
            shown = seen(c)
            if shown is not None and not shown.removed:
                top[c.parent_id].replies.append(shown)
    # A deleted comment stays only as the head of replies someone can still read.
    order = [s for s in order if not s.removed or s.replies]
    hidden = {c.pk for c in rows if c.hidden_at}
    count = sum(
        1 for c in rows if not c.hidden_at and not c.deleted_at and c.parent_id not in hidden
    )
    return order, count

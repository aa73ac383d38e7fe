"""What readers do: their preferences, comments, reports, follows, bookmarks and reading.

Every row belongs to one account and goes with it: deleting an account deletes its
preferences, follows, bookmarks and read marks; its comments stay as "deleted" placeholders
only where others replied to them (so a conversation keeps its shape).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from newsfold.news.models import Article, Story


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    edition = models.CharField(max_length=100, blank=True)  # a region's slug; "" is global
    language = models.CharField(
        max_length=8, blank=True
    )  # interface language; "" follows the browser
    muted_words = models.JSONField(default=list, blank=True)
    muted_outlets = models.JSONField(default=list, blank=True)  # source ids

    def __str__(self) -> str:
        return f"profile of {self.user}"


class Comment(models.Model):
    """On an article or on a story (exactly one). Replies hang one level deep: a reply to a
    reply is filed under the first comment, as the page shows it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="comments"
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    text = models.TextField(max_length=5000)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Any change a reader could see (new, edited, deleted, hidden, restored): kept pages
    # showing the comments carry the newest of these in their key.
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        permissions = [("moderate_comment", "Can hide and restore comments")]
        indexes = [
            models.Index(fields=["article", "created_at"]),
            models.Index(fields=["story", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(article__isnull=False, story__isnull=True)
                | models.Q(article__isnull=True, story__isnull=False),
                name="comment_on_one_thing",
            )
        ]

    def __str__(self) -> str:
        return f"comment {self.pk} by {self.user}"


class Report(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="one_report_per_reader")
        ]


class Follow(models.Model):
    """A hashtag (its slug), an outlet (its slug), a section (its slug) or a story (its id)."""

    KINDS = ("tag", "outlet", "section", "story")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    kind = models.CharField(max_length=10, choices=[(k, k) for k in KINDS])
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "key"], name="one_follow_each")
        ]


class Bookmark(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="one_bookmark_each")
        ]


class Read(models.Model):
    """An article the reader opened (or marked read)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "article"], name="one_read_each")]


class StoryVisit(models.Model):
    """When the reader last opened a story: articles stored after it are "new"."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "story"], name="one_visit_each")]

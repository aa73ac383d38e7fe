"""Secrets a reader hands to programs: API tokens, the address of their personal feed, and
the password their reader app (Reeder, newsboat…) logs in with.

Only a hash of each secret is kept: the secret itself is shown once, when it is made. The
Fever protocol's client sends md5("name:password"), which is itself a credential: its
hash is what is kept (`fever_key`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Token(models.Model):
    API = "api"  # Authorization: Bearer <secret>, for scripts and the JSON API
    FEED = "feed"  # the secret in a personal feed's address (/feeds/for-you/<secret>.xml)
    APP = "app"  # a reader app's password (Google Reader ClientLogin, Fever)
    SESSION = "session"  # what Google Reader's ClientLogin hands back, sent as GoogleLogin auth
    PURPOSES = [
        (API, "API token"),
        (FEED, "feed address"),
        (APP, "app password"),
        (SESSION, "app session"),
    ]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tokens"
    )
    purpose = models.CharField(max_length=10, choices=PURPOSES)
    name = models.CharField(max_length=100, blank=True)  # the reader's own label for it
    digest = models.CharField(max_length=64, unique=True)  # sha256 of the secret
    fever_key = models.CharField(max_length=64, blank=True, db_index=True)
    prefix = models.CharField(
        max_length=12, blank=True
    )  # the secret's first letters, to tell tokens apart
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # A session: the app password it was opened with, whose revocation ends it.
    opened_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="sessions"
    )

    class Meta:
        indexes = [models.Index(fields=["user", "purpose"])]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.prefix}… of {self.user}"

"""Making, checking and revoking the secrets of `models.Token`: one place for all of it."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.utils import timezone
from django_ratelimit.core import get_usage, is_ratelimited

from newsfold.api.models import Token

SECRET_BYTES = 24
TOUCH_SECONDS = 300  # last_used_at is written at most this often per token


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def fever_key(username: str, password: str) -> str:
    """What a Fever client sends as api_key: md5 of "name:password" (the protocol's rule)."""
    return hashlib.md5(f"{username}:{password}".encode(), usedforsecurity=False).hexdigest()


def make(
    user: AbstractBaseUser, purpose: str, name: str = "", opened_by: Token | None = None
) -> tuple[Token, str]:
    """A new token and its secret, which is never stored and never shown again; a session
    is `opened_by` an app password."""
    secret = secrets.token_urlsafe(SECRET_BYTES)
    if purpose == Token.SESSION:  # an app logging in again leaves its old sessions behind
        Token.objects.filter(
            user=user, purpose=Token.SESSION, created_at__lt=_session_start()
        ).delete()
    token = Token.objects.create(
        user=user,
        purpose=purpose,
        name=name[:100],
        digest=digest(secret),
        prefix=secret[:6],
        # What a Fever client sends is itself a credential: only its hash is kept.
        fever_key=digest(fever_key(user.get_username(), secret)) if purpose == Token.APP else "",
        opened_by=opened_by,
    )
    return token, secret


def user_for(secret: str, purpose: str) -> AbstractBaseUser | None:
    """The active user a secret stands for, else None (unknown, revoked, other purpose)."""
    if not secret or len(secret) > 200:
        return None
    found = Token.objects.select_related("user").filter(
        digest=digest(secret), purpose=purpose, revoked_at=None
    )
    if purpose == Token.SESSION:  # an app's session lasts as long as a browser's
        found = found.filter(created_at__gte=_session_start())
    return _used(found.first())


def _session_start():
    return timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)


def _failures_rate(group, request) -> str:
    minutes = max(1, round(settings.AXES_COOLOFF_TIME * 60))
    return f"{settings.AXES_FAILURE_LIMIT}/{minutes}m"


def login_refused(request) -> bool:
    """Too many failed app logins from this address lately: refuse even a right password,
    as the site's own login does (django-axes), so guessing app passwords gets nowhere."""
    usage = get_usage(request, group="app-login", key="ip", rate=_failures_rate)
    return bool(usage and usage["count"] >= usage["limit"])


def login_failed(request) -> None:
    is_ratelimited(request, group="app-login", key="ip", rate=_failures_rate, increment=True)


def user_for_fever(api_key: str) -> AbstractBaseUser | None:
    key = (api_key or "").strip().lower()
    if len(key) != 32:
        return None
    token = (
        Token.objects.select_related("user")
        .filter(fever_key=digest(key), purpose=Token.APP, revoked_at=None)
        .first()
    )
    return _used(token)


def app_login(username: str, password: str) -> Token | None:
    """The app password a reader app logs in with, with the account's name (never the
    account's own password: a phone app that leaks it loses only what the app can do)."""
    token = (
        Token.objects.select_related("user")
        .filter(digest=digest(password or ""), purpose=Token.APP, revoked_at=None)
        .first()
    )
    if token is None or token.user.get_username().lower() != (username or "").strip().lower():
        return None
    return token if _used(token) is not None else None


def _used(token: Token | None) -> AbstractBaseUser | None:
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > TOUCH_SECONDS:
        Token.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def revoke(user: AbstractBaseUser, token_id: int) -> bool:
    """Revoke one of the user's own tokens (and, for an app password, the app sessions it
    opened: the other apps stay logged in). Another user's token id does nothing."""
    found = Token.objects.filter(pk=token_id, user=user, revoked_at=None)
    token = found.first()
    if token is None:
        return False
    now = timezone.now()
    found.update(revoked_at=now)
    if token.purpose == Token.APP:
        # Sessions from before sessions knew their password (none) end with any revocation.
        opened = Q(opened_by=token) | Q(opened_by=None)
        Token.objects.filter(opened, user=user, purpose=Token.SESSION, revoked_at=None).update(
            revoked_at=now
        )
    return True


def revoke_on_new_password(sender, instance, update_fields=None, **kwargs) -> None:
    """A new password (changed, or reset after a loss) ends every token the account made:
    whoever learnt the old one must not keep a way in through a program."""
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    old = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if old is not None and old != instance.password:
        Token.objects.filter(user_id=instance.pk, revoked_at=None).update(revoked_at=timezone.now())

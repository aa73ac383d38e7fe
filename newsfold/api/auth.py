"""Who calls the API: a token (`Authorization: Bearer …`, for scripts) or the signed-in
browser session (whose writes need the CSRF token, as the site's forms do)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from newsfold.api import tokens
from newsfold.api.models import Token
from newsfold.community.prefs import reader_for
from newsfold.news.reader import ANONYMOUS, Reader


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = tokens.user_for(token, Token.API)
        if user is not None:
            request.user = user
        return user


READER = [BearerToken(), SessionAuth()]


def reader_or_anonymous(request: HttpRequest):
    """For public reads: a token or session makes the answer personal (mutes), but none is
    needed. Returns the user, or an anonymous marker that ninja takes as authenticated."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        user = tokens.user_for(header[7:].strip(), Token.API)
        if user is None:
            return None  # a wrong token is refused, not silently ignored
        request.user = user
        return user
    return request.user if request.user.is_authenticated else "anonymous"


def reader(request: HttpRequest) -> Reader:
    """The caller's mutes, whichever way they authenticated."""
    user = request.user
    return reader_for(user) if user.is_authenticated else ANONYMOUS


def staff(request: HttpRequest) -> None:
    if not (request.auth and getattr(request.auth, "is_staff", False)):
        raise HttpError(403, "Only staff may manage feeds.")

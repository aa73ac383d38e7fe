"""Google Reader stream ids and the paging parameters that go with them.

A stream is what an app lists: everything followed (`reading-list`), the starred items, a
folder (`user/-/label/Outlets`) or one feed (`feed/<address>`). Pages walk the articles by
publication time then id, from a continuation that carries the last item's pair, so a page
deep in a stream costs what the first does, and articles arriving meanwhile never shift it.
The times apps send (`ot`, `nt`, `ts`) and read (`timestampUsec`) are publication times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from newsfold.api import marks
from newsfold.api.subscriptions import LABELS, Subscription, articles, find
from newsfold.community.prefs import reader_for
from newsfold.news.models import Article

STATE = "user/-/state/com.google/"
READING_LIST = STATE + "reading-list"
READ = STATE + "read"
STARRED = STATE + "starred"
KEPT_UNREAD = STATE + "kept-unread"
LABEL = "user/-/label/"
# Streams of Google Reader's social side, which newsfold has not: always empty.
EMPTY = {STATE + "broadcast", STATE + "broadcast-friends", STATE + "like"}
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MAX_TIME = 253_402_300_799  # seconds: the last second of year 9999, the last date we read
_OWN_USER = re.compile(r"^user/[0-9]+/")
_CONTINUATION = re.compile(r"^(-?[0-9]{1,18})-([0-9]{1,19})$")


class BadStream(ValueError):
    """A stream id or parameter the request cannot be answered with: a 400."""


@dataclass
class Stream:
    id: str
    title: str
    rows: QuerySet


def usec(moment: datetime) -> int:
    delta = moment - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_usec(value: int) -> datetime:
    try:
        return EPOCH + timedelta(microseconds=value)
    except OverflowError as error:
        raise BadStream("not a time") from error


def normal(stream_id: str, user: AbstractBaseUser) -> str:
    """`user/<own id>/…` as `user/-/…`; another user's id is left as it is (and unknown)."""
    text = (stream_id or "").strip()
    if _OWN_USER.match(text) and text.split("/", 2)[1] == str(user.pk):
        return "user/-/" + text.split("/", 2)[2]
    return text


def resolve(stream_id: str, user: AbstractBaseUser, subs: list[Subscription]) -> Stream:
    sid = normal(stream_id, user)
    if sid == READING_LIST:
        return Stream(sid, "Reading list", articles(user, subs))
    if sid == STARRED:  # saved articles, as far as the reader's mutes let them show
        return Stream(sid, "Starred", reader_for(user).visible(marks.starred(user)))
    if sid == READ:
        return Stream(sid, "Read", reader_for(user).visible(marks.read(user)))
    if sid in EMPTY:
        return Stream(sid, sid.rsplit("/", 1)[1], Article.objects.none())
    if sid.startswith(LABEL):
        name = sid[len(LABEL) :]
        kind = next((k for k, label in LABELS.items() if label.lower() == name.lower()), None)
        if kind is None:
            raise BadStream(f"no such label: {name[:80]}")
        return Stream(LABEL + LABELS[kind], LABELS[kind], articles(user, _of(subs, kind)))
    sub = find(subs, sid)
    if sub is None:
        raise BadStream(f"unknown stream: {stream_id[:200]}")
    return Stream(sub.stream_id, sub.title, articles(user, [sub]))


def _of(subs: list[Subscription], kind: str) -> list[Subscription]:
    return [s for s in subs if s.kind == kind]


def number(value: str | None, default: int, highest: int) -> int:
    if value in (None, ""):
        return default
    if not (value.isascii() and value.isdigit()) or len(value) > 9:
        raise BadStream(f"not a count: {value[:20]}")
    return max(1, min(int(value), highest))


def seconds(value: str | None) -> datetime | None:
    if value in (None, ""):
        return None
    if not (value.isascii() and value.isdigit()) or int(value) > MAX_TIME:
        raise BadStream(f"not a time: {value[:20]}")
    return EPOCH + timedelta(seconds=int(value))


def timestamp(value: str | None) -> datetime | None:
    """A time an app sends as `ts`: microseconds by the protocol, though some send
    milliseconds or seconds; told apart by size (any date after 1973 is unambiguous)."""
    if value in (None, ""):
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > 19:
        raise BadStream(f"not a time: {value[:20]}")
    n = int(value)
    if n >= 10**14:
        return from_usec(n)
    if n >= 10**11:
        return from_usec(n * 1000)
    return from_usec(min(n, MAX_TIME) * 1_000_000)


def filtered(user: AbstractBaseUser, rows: QuerySet, params) -> QuerySet:
    """Apply `xt` (exclude), `it` (include), `ot` (oldest) and `nt` (newest time)."""
    for target in params.getlist("xt"):
        target = normal(target, user)
        if target == READ:
            rows = marks.unread(user, rows)
        elif target == STARRED:
            rows = rows.exclude(pk__in=marks.starred(user).values("pk"))
        elif target not in (KEPT_UNREAD, *EMPTY):
            raise BadStream(f"cannot exclude {target[:80]}")
    for target in params.getlist("it"):
        target = normal(target, user)
        if target == READ:
            rows = rows.filter(pk__in=marks.read(user).values("pk"))
        elif target == STARRED:
            rows = rows.filter(pk__in=marks.starred(user).values("pk"))
        elif target != READING_LIST:
            raise BadStream(f"cannot include {target[:80]}")
    if oldest := seconds(params.get("ot")):
        rows = rows.filter(published_at__gte=oldest)
    if newest := seconds(params.get("nt")):
        rows = rows.filter(published_at__lte=newest)
    return rows


def page(rows: QuerySet, params, size: int) -> tuple[list[Article], str]:
    """One page of `rows` in the order asked (`r=o`: oldest first) from the continuation
    `c`, and the continuation of the next page ("" at the end)."""
    oldest_first = params.get("r") == "o"
    if cont := params.get("c"):
        found = _CONTINUATION.match(cont)
        if not found:
            raise BadStream("not a continuation")
        at, pk = from_usec(int(found[1])), int(found[2])
        if oldest_first:
            rows = rows.filter(Q(published_at__gt=at) | Q(published_at=at, pk__gt=pk))
        else:
            rows = rows.filter(Q(published_at__lt=at) | Q(published_at=at, pk__lt=pk))
    order = ("published_at", "id") if oldest_first else ("-published_at", "-id")
    found_rows = list(rows.select_related("source").order_by(*order)[: size + 1])
    more = len(found_rows) > size
    found_rows = found_rows[:size]
    if not more or not found_rows:
        return found_rows, ""
    last = found_rows[-1]
    return found_rows, f"{usec(last.published_at)}-{last.pk}"

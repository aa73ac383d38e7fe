"""The Fever API (Reeder, Unread, ReadKit…) at `/fever/`.

One address answers everything: `?api` plus the parts asked for (`groups`, `feeds`,
`items`, `unread_item_ids`, …), after doing any `mark=` the request carries. The app
authenticates every call with `api_key`, md5("name:app password"), posted with it; a wrong
key is answered as the protocol says, `auth: 0` and nothing else. Fever has no sessions and
no cookies, so CSRF checks are left off this address.

Feeds are the reader's follows, with their follow's id; groups are the four kinds of follow,
with fixed ids; items are articles, with their own ids. An article some follows share is
filed under the first of them, as the Google Reader API files it.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Max, Q
from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from newsfold.api import marks, subscriptions, tokens
from newsfold.api.greader_items import body
from newsfold.api.subscriptions import LABELS, Subscription
from newsfold.ids import valid_id
from newsfold.news.models import Article

API_VERSION = 3
PAGE = 50  # items per call, the protocol's number
MAX_IDS = 10_000  # unread or saved ids listed at most, the newest
GROUP_IDS = {kind: n for n, kind in enumerate(LABELS, start=1)}
ALL_GROUPS = 0  # "Kindling": every feed
SPARKS = -1  # Fever's low-traffic feeds; newsfold has none


class Refused(ValueError):
    pass


def _number(value: str | None, name: str, allow_zero: bool = True) -> int:
    text = (value or "").strip()
    negative = text.startswith("-")
    digits = text[1:] if negative else text
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 19:
        raise Refused(f"{name} must be a number")
    number = -int(digits) if negative else int(digits)
    if not (valid_id(number) or (allow_zero and number == 0)):
        raise Refused(f"{name} is out of range")
    return number


def _ids(value: str, name: str) -> list[int]:
    parts = [p for p in (value or "").split(",") if p.strip()]
    if not parts or len(parts) > PAGE:
        raise Refused(f"{name} takes 1 to {PAGE} comma-separated ids")
    return [_number(p, name, allow_zero=False) for p in parts]


def _seconds(moment: datetime | None) -> int:
    return int(moment.timestamp()) if moment else 0


def _before(value: str | None) -> datetime:
    if value in (None, ""):
        return datetime.now(UTC)
    # Past the last second of year 9999 no date can be written.
    return datetime.fromtimestamp(min(_number(value, "before"), 253_402_300_799), UTC)


class Answer:
    """One authenticated call: the reader, their feeds, and what the answer holds."""

    def __init__(self, request, user: AbstractBaseUser) -> None:
        self.request, self.user = request, user
        self.subs = subscriptions.subscriptions(user, request)
        self.params = request.GET.copy()
        self.params.update(request.POST)
        self.data: dict = {}

    def followed(self):
        return subscriptions.articles(self.user, self.subs)

    def items_rows(self):
        """What an app may list: the followed articles and the saved ones."""
        return Article.objects.filter(
            Q(pk__in=self.followed().values("pk")) | Q(pk__in=marks.starred(self.user).values("pk"))
        )

    def mark(self) -> None:
        what, as_ = self.params.get("mark", ""), self.params.get("as", "")
        if what == "item":
            pk = _number(self.params.get("id"), "id", allow_zero=False)
            if as_ in ("read", "unread"):
                marks.set_read(self.user, [pk], read=as_ == "read")
                self.ask("unread_item_ids")
            elif as_ in ("saved", "unsaved"):
                marks.set_starred(self.user, [pk], starred=as_ == "saved")
                self.ask("saved_item_ids")
            else:
                raise Refused("as must be read, unread, saved or unsaved")
            return
        if what not in ("feed", "group") or as_ != "read":
            raise Refused("mark must be item, or feed or group with as=read")
        number = _number(self.params.get("id"), "id")
        if what == "feed":
            chosen = [s for s in self.subs if s.follow_id == number]
            if not chosen:
                raise Refused("no such feed")
        elif number == ALL_GROUPS:
            chosen = self.subs
        elif number == SPARKS:
            chosen = []
        else:
            kind = next((k for k, n in GROUP_IDS.items() if n == number), None)
            if kind is None:
                raise Refused("no such group")
            chosen = [s for s in self.subs if s.kind == kind]
        if chosen:
            rows = subscriptions.articles(self.user, chosen)
            marks.read_all(
                self.user, rows.filter(created_at__lte=_before(self.params.get("before")))
            )
        self.ask("unread_item_ids")

    def ask(self, part: str) -> None:
        self.params[part] = ""

    def groups(self) -> None:
        kinds = {s.kind for s in self.subs}
        self.data["groups"] = [
            {"id": GROUP_IDS[kind], "title": label}
            for kind, label in LABELS.items()
            if kind in kinds
        ]
        self.feeds_groups()

    def feeds(self) -> None:
        self.data["feeds"] = [self._feed(s) for s in self.subs]
        self.feeds_groups()

    def _feed(self, sub: Subscription) -> dict:
        newest = subscriptions.articles(self.user, [sub]).aggregate(m=Max("created_at"))["m"]
        return {
            "id": sub.follow_id,
            "favicon_id": 0,
            "title": sub.title,
            "url": sub.html_url,
            "site_url": sub.html_url,
            "is_spark": 0,
            "last_updated_on_time": _seconds(newest),
        }

    def feeds_groups(self) -> None:
        self.data["feeds_groups"] = [
            {
                "group_id": GROUP_IDS[kind],
                "feed_ids": ",".join(str(s.follow_id) for s in self.subs if s.kind == kind),
            }
            for kind in LABELS
            if any(s.kind == kind for s in self.subs)
        ]

    def items(self) -> None:
        rows = self.items_rows()
        params = self.params
        if params.get("with_ids"):
            ids = _ids(params["with_ids"], "with_ids")
            found = list(rows.filter(pk__in=ids).select_related("source").order_by("id"))
        elif params.get("max_id") not in (None, ""):
            highest = _number(params["max_id"], "max_id")
            chosen = rows.filter(pk__lt=highest) if highest else rows
            found = list(chosen.select_related("source").order_by("-id")[:PAGE])
        else:
            since = _number(params.get("since_id") or "0", "since_id")
            found = list(rows.filter(pk__gt=since).select_related("source").order_by("id")[:PAGE])
        ids = [a.pk for a in found]
        read = marks.read_among(self.user, ids)
        saved = marks.starred_among(self.user, ids)
        origins = subscriptions.origins(self.subs, found)
        self.data["total_items"] = rows.count()
        self.data["items"] = [
            {
                "id": a.pk,
                "feed_id": origins[a.pk].follow_id if a.pk in origins else 0,
                "title": a.title,
                "author": a.author or a.source.name,
                "html": body(a),
                "url": a.url,
                "is_saved": int(a.pk in saved),
                "is_read": int(a.pk in read),
                "created_on_time": _seconds(a.published_at),
            }
            for a in found
        ]

    def unread_item_ids(self) -> None:
        ids = marks.unread(self.user, self.followed()).order_by("-id").values_list("pk", flat=True)
        self.data["unread_item_ids"] = ",".join(str(pk) for pk in ids[:MAX_IDS])

    def saved_item_ids(self) -> None:
        ids = marks.starred(self.user).order_by("-id").values_list("pk", flat=True)
        self.data["saved_item_ids"] = ",".join(str(pk) for pk in ids[:MAX_IDS])


PARTS = ("groups", "feeds", "favicons", "items", "links", "unread_item_ids", "saved_item_ids")


@csrf_exempt
def fever(request):
    if request.method not in ("GET", "POST"):
        return HttpResponse("method not allowed", status=405, content_type="text/plain")
    if "api" not in request.GET and "api" not in request.POST:
        return HttpResponse(
            "this is the Fever API: call it with ?api", status=400, content_type="text/plain"
        )
    key = request.POST.get("api_key") or request.GET.get("api_key") or ""
    if tokens.login_refused(request):
        return JsonResponse({"api_version": API_VERSION, "auth": 0}, status=429)
    user = tokens.user_for_fever(key)
    if user is None:
        tokens.login_failed(request)
        return JsonResponse({"api_version": API_VERSION, "auth": 0})
    request.app_user = user  # the answer is this reader's: kept by no shared cache
    answer = Answer(request, user)
    try:
        if answer.params.get("mark"):
            answer.mark()
        for part in PARTS:
            if part not in answer.params:
                continue
            if part in ("favicons", "links"):
                answer.data[part] = []
            else:
                getattr(answer, part)()
    except Refused as refused:
        return HttpResponse(str(refused), status=400, content_type="text/plain")
    newest = Article.objects.order_by("-id").values_list("created_at", flat=True).first()
    return JsonResponse(
        {
            "api_version": API_VERSION,
            "auth": 1,
            "last_refreshed_on_time": _seconds(newest) or int(time.time()),
            **answer.data,
        },
        json_dumps_params={"ensure_ascii": False},
    )


urlpatterns = [path("fever/", fever, name="fever")]

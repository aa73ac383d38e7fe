"""The Google Reader API, in the dialect FreshRSS, Inoreader, FeedHQ and Miniflux serve, so
reader apps (NetNewsWire, Reeder, ReadYou, FeedMe, newsboat…) read newsfold.

Served from the site's root, as those servers do, so an app needs only the site's address.
An app logs in with the account's name and an app password (`/account/tokens/`) and gets a
session token it sends as `Authorization: GoogleLogin auth=…`; every call but the login
needs it. Nothing here reads a browser's cookies, so cross-site requests cannot act for a
reader: CSRF checks are left off these addresses, and the edit token `T` (an HMAC of the
session) is checked when an app sends it.

Subscriptions are the reader's follows (`subscriptions`), items are articles (`streams`,
`greader_items`), read and starred are the site's own marks (`marks`).
"""

from __future__ import annotations

import functools
import hashlib
import hmac

from django.conf import settings
from django.db.models import Max
from django.http import HttpResponse, JsonResponse, QueryDict
from django.urls import re_path
from django.views.decorators.csrf import csrf_exempt

from newsfold.api import greader_items, itemids, marks, streams, subscriptions, tokens
from newsfold.api.models import Token
from newsfold.api.subscriptions import LABELS, NotOurs
from newsfold.community.prefs import reader_for
from newsfold.news.models import Article
from newsfold.news.seo import absolute

AUTH_SCHEME = "googlelogin"
MAX_COUNT = 1000  # unread counts stop here, as Google Reader's did
MAX_ITEMS = 1000  # items of one stream/contents page
MAX_IDS = 10_000  # ids of one stream/items/ids page
DEFAULT_ITEMS = 20


class Refused(Exception):
    def __init__(self, status: int, text: str) -> None:
        super().__init__(text)
        self.status, self.text = status, text


def edit_token(session: str) -> str:
    """The `T` an app sends with its edits: derived from its session, so nothing is kept."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"greader-edit:{session}".encode(), hashlib.sha256).hexdigest()


def _session(request) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, rest = header.partition(" ")
    if scheme.lower() != AUTH_SCHEME or not rest.strip().lower().startswith("auth="):
        return ""
    return rest.strip()[len("auth=") :].strip()


def _params(request) -> QueryDict:
    """Query and form together: apps send the same parameter either way."""
    merged = request.GET.copy()
    merged.update(request.POST)
    return merged


def _text(text: str, status: int = 200, headers: dict[str, str] | None = None) -> HttpResponse:
    return HttpResponse(
        text, status=status, content_type="text/plain; charset=utf-8", headers=headers
    )


def _json(data: dict) -> JsonResponse:
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def endpoint(methods=("GET", "POST"), edit: bool = False):
    """A protocol call: the method allowed, the session checked (`request.app_user`), the
    edit token checked on edits, and bad input answered 400 with one line of text."""

    def wrap(view):
        @csrf_exempt
        @functools.wraps(view)
        def run(request, *args, **kwargs):
            if request.method not in methods:
                return _text("method not allowed", 405, {"Allow": ", ".join(methods)})
            session = _session(request)
            user = tokens.user_for(session, Token.SESSION) if session else None
            if user is None:
                return _text("Unauthorized", 401)
            request.app_user = user
            params = _params(request)
            sent = params.get("T")
            if (
                edit
                and sent
                and not hmac.compare_digest(sent.encode(), edit_token(session).encode())
            ):
                return _text("Unauthorized", 401, {"X-Reader-Google-Bad-Token": "true"})
            try:
                return view(request, params, *args, **kwargs)
            except Refused as refused:
                return _text(refused.text, refused.status)
            except (streams.BadStream, itemids.BadItemId, NotOurs) as bad:
                return _text(str(bad), 400)

        return run

    return wrap


@csrf_exempt
def client_login(request):
    if request.method != "POST":
        return _text("method not allowed", 405, {"Allow": "POST"})
    if tokens.login_refused(request):
        return _text(
            "Error=TooManyAttempts\n",
            429,
            {"Retry-After": str(round(settings.AXES_COOLOFF_TIME * 3600))},
        )
    app = tokens.app_login(request.POST.get("Email", ""), request.POST.get("Passwd", ""))
    if app is None:
        tokens.login_failed(request)
        return _text("Error=BadAuthentication\n", 401)
    _, secret = tokens.make(app.user, Token.SESSION, name="Google Reader API", opened_by=app)
    if request.GET.get("output") == "json" or request.POST.get("output") == "json":
        return _json({"SID": secret, "LSID": secret, "Auth": secret})
    return _text(f"SID={secret}\nLSID={secret}\nAuth={secret}\n")


@endpoint(methods=("GET", "POST"))
def token(request, params):
    return _text(edit_token(_session(request)))


@endpoint()
def user_info(request, params):
    user = request.app_user
    return _json(
        {
            "userId": str(user.pk),
            "userName": user.get_username(),
            "userProfileId": str(user.pk),
            "userEmail": getattr(user, "email", "") or "",
            "isBloggerUser": False,
            "signupTimeSec": int(user.date_joined.timestamp()),
            "isMultiLoginEnabled": False,
        }
    )


@endpoint()
def subscription_list(request, params):
    subs = subscriptions.subscriptions(request.app_user, request)
    return _json(
        {
            "subscriptions": [
                {
                    "id": sub.stream_id,
                    "title": sub.title,
                    "categories": [{"id": streams.LABEL + sub.label, "label": sub.label}],
                    "sortid": f"{sub.follow_id:08X}",
                    "firstitemmsec": "0",
                    "url": sub.html_url,
                    "htmlUrl": sub.html_url,
                    "iconUrl": "",
                }
                for sub in subs
            ]
        }
    )


@endpoint()
def tag_list(request, params):
    subs = subscriptions.subscriptions(request.app_user, request)
    kinds = {sub.kind for sub in subs}
    tags = [{"id": streams.STARRED}]
    tags += [
        {"id": streams.LABEL + label, "label": label, "type": "folder"}
        for kind, label in LABELS.items()
        if kind in kinds
    ]
    return _json({"tags": tags})


def _unread(user, rows) -> tuple[int, int]:
    left = marks.unread(user, rows)
    count = left.values("pk")[:MAX_COUNT].count()
    newest = left.aggregate(m=Max("published_at"))["m"] if count else None
    return count, streams.usec(newest) if newest else 0


@endpoint()
def unread_count(request, params):
    user = request.app_user
    subs = subscriptions.subscriptions(user, request)
    counts = []

    def add(stream_id, rows):
        count, newest = _unread(user, rows)
        counts.append({"id": stream_id, "count": count, "newestItemTimestampUsec": str(newest)})

    for sub in subs:
        add(sub.stream_id, subscriptions.articles(user, [sub]))
    for kind, label in LABELS.items():
        of_kind = [s for s in subs if s.kind == kind]
        if of_kind:
            add(streams.LABEL + label, subscriptions.articles(user, of_kind))
    add(streams.READING_LIST, subscriptions.articles(user, subs))
    return _json({"max": MAX_COUNT, "unreadcounts": counts})


def _contents(request, stream: streams.Stream, rows, continuation: str, subs) -> JsonResponse:
    user = request.app_user
    ids = [a.pk for a in rows]
    read, starred = marks.read_among(user, ids), marks.starred_among(user, ids)
    origins = subscriptions.origins(subs, rows)
    data = {
        "direction": "ltr",
        "id": stream.id,
        "title": stream.title,
        "self": [{"href": request.build_absolute_uri()}],
        "updated": max((streams.usec(a.published_at) for a in rows), default=0) // 1_000_000,
        "items": [
            greader_items.as_json(request, a, origins.get(a.pk), read, starred) for a in rows
        ],
    }
    if continuation:
        data["continuation"] = continuation
    return _json(data)


def _stream_of(request, params, stream_id: str | None):
    stream_id = stream_id or params.get("s") or ""
    if not stream_id:
        raise Refused(400, "no stream given (s)")
    subs = subscriptions.subscriptions(request.app_user, request)
    return streams.resolve(stream_id, request.app_user, subs), subs


@endpoint()
def stream_contents(request, params, stream_id=None):
    stream, subs = _stream_of(request, params, stream_id)
    rows = streams.filtered(request.app_user, stream.rows, params)
    size = streams.number(params.get("n"), DEFAULT_ITEMS, MAX_ITEMS)
    found, continuation = streams.page(rows, params, size)
    return _contents(request, stream, found, continuation, subs)


@endpoint()
def stream_item_ids(request, params):
    stream, subs = _stream_of(request, params, None)
    rows = streams.filtered(request.app_user, stream.rows, params)
    size = streams.number(params.get("n"), DEFAULT_ITEMS, MAX_IDS)
    found, continuation = streams.page(rows, params, size)
    origins = subscriptions.origins(subs, found)
    refs = [
        {
            "id": str(a.pk),
            "directStreamIds": [origins[a.pk].stream_id] if a.pk in origins else [],
            "timestampUsec": str(streams.usec(a.published_at)),
        }
        for a in found
    ]
    data = {"itemRefs": refs}
    if continuation:
        data["continuation"] = continuation
    return _json(data)


def _item_ids(params) -> list[int]:
    given = params.getlist("i")
    if not given:
        raise Refused(400, "no items given (i)")
    if len(given) > MAX_ITEMS:
        raise Refused(400, f"at most {MAX_ITEMS} items at once")
    return list(dict.fromkeys(itemids.parse(v) for v in given))


@endpoint()
def stream_item_contents(request, params):
    ids = _item_ids(params)
    subs = subscriptions.subscriptions(request.app_user, request)
    visible = reader_for(request.app_user).visible(Article.objects.select_related("source"))
    found = visible.in_bulk(ids)
    rows = [found[pk] for pk in ids if pk in found]
    stream = streams.Stream(streams.READING_LIST, "Reading list", Article.objects.none())
    return _contents(request, stream, rows, "", subs)


@endpoint(methods=("POST",), edit=True)
def edit_tag(request, params):
    ids = _item_ids(params)
    user = request.app_user
    for tag in params.getlist("a"):
        _apply(user, ids, streams.normal(tag, user), added=True)
    for tag in params.getlist("r"):
        _apply(user, ids, streams.normal(tag, user), added=False)
    return _text("OK")


def _apply(user, ids: list[int], tag: str, added: bool) -> None:
    if tag == streams.READ:
        marks.set_read(user, ids, read=added)
    elif tag == streams.KEPT_UNREAD:
        if added:
            marks.set_read(user, ids, read=False)
    elif tag == streams.STARRED:
        marks.set_starred(user, ids, starred=added)
    elif not (tag.startswith(streams.STATE) or tag.startswith(streams.LABEL)):
        raise Refused(400, f"unknown tag: {tag[:80]}")
    # Other states (tracking-*, broadcast, like) and an item's own labels are not kept.


@endpoint(methods=("POST",), edit=True)
def mark_all_as_read(request, params):
    stream, _ = _stream_of(request, params, None)
    rows = stream.rows
    if until := streams.timestamp(params.get("ts")):
        rows = rows.filter(published_at__lte=until)
    marks.read_all(request.app_user, rows)
    return _text("OK")


def _address(stream_id: str) -> str:
    return stream_id[len("feed/") :] if stream_id.startswith("feed/") else stream_id


@endpoint(methods=("POST",), edit=True)
def subscription_edit(request, params):
    action = params.get("ac", "")
    given = params.getlist("s")
    if not given:
        raise Refused(400, "no subscription given (s)")
    user = request.app_user
    for stream_id in given:
        if action == "subscribe":
            subscriptions.follow(user, _address(stream_id), request)
        elif action == "unsubscribe":
            subscriptions.unfollow(user, _address(stream_id))
        elif action == "edit":
            # Titles and folders follow from what is followed; nothing to rename.
            subs = subscriptions.subscriptions(user, request)
            if subscriptions.find(subs, stream_id) is None:
                raise Refused(400, f"not subscribed: {stream_id[:200]}")
        else:
            raise Refused(400, "ac must be subscribe, unsubscribe or edit")
    return _text("OK")


@endpoint(methods=("POST",), edit=True)
def subscription_quickadd(request, params):
    address = _address(params.get("quickadd", "").strip())
    if not address:
        raise Refused(400, "no address given (quickadd)")
    kind, key, title = subscriptions.follow(request.app_user, address, request)
    html_url = absolute(request, subscriptions.page_path(kind, key))
    return _json(
        {
            "numResults": 1,
            "query": address,
            "streamId": f"feed/{html_url}",
            "streamName": title,
        }
    )


@endpoint()
def atom(request, params, stream_id=None):
    """A stream as Atom (FeedHQ's `/reader/atom/<stream>`): what newsboat reads."""
    stream, subs = _stream_of(request, params, stream_id or streams.READING_LIST)
    rows = streams.filtered(request.app_user, stream.rows, params)
    size = streams.number(params.get("n"), DEFAULT_ITEMS, MAX_ITEMS)
    found, _ = streams.page(rows, params, size)
    ids = [a.pk for a in found]
    user = request.app_user
    document = greader_items.as_atom(
        request,
        stream,
        found,
        subscriptions.origins(subs, found),
        marks.read_among(user, ids),
        marks.starred_among(user, ids),
    )
    return HttpResponse(document, content_type="application/atom+xml; charset=utf-8")


def _api(pattern: str, view, name: str):
    # "[/]?" lets `//reader/…` through: apps join the address a reader typed, slash and
    # all (written so, not "/?", as Django's check takes a leading "/" for a mistake).
    return re_path(rf"^[/]?reader/api/0/{pattern}$", view, name=f"greader-{name}")


urlpatterns = [
    re_path(r"^[/]?accounts/ClientLogin$", client_login, name="greader-login"),
    _api("token", token, "token"),
    _api("user-info", user_info, "user-info"),
    _api("subscription/list", subscription_list, "subscription-list"),
    _api("subscription/edit", subscription_edit, "subscription-edit"),
    _api("subscription/quickadd", subscription_quickadd, "subscription-quickadd"),
    _api("tag/list", tag_list, "tag-list"),
    _api("unread-count", unread_count, "unread-count"),
    _api("stream/contents/?", stream_contents, "stream-contents-param"),
    _api("stream/contents/(?P<stream_id>.+)", stream_contents, "stream-contents"),
    _api("stream/items/ids", stream_item_ids, "stream-item-ids"),
    _api("stream/items/contents", stream_item_contents, "stream-item-contents"),
    _api("edit-tag", edit_tag, "edit-tag"),
    _api("mark-all-as-read", mark_all_as_read, "mark-all-as-read"),
    re_path(r"^[/]?reader/atom/?$", atom, name="greader-atom-all"),
    re_path(r"^[/]?reader/atom/(?P<stream_id>.+)$", atom, name="greader-atom"),
]

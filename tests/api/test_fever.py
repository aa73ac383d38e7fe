"""The Fever API by its published protocol: `api_key` on every call, groups and feeds,
items paged by id, unread and saved ids, marks."""

from __future__ import annotations

import hashlib
import time

import pytest
from django.test import Client

from newsfold.api import tokens
from newsfold.api.models import Token
from newsfold.community.models import Bookmark, Follow, Profile, Read
from tests.api.conftest import follow_the_shelf
from tests.community.conftest import store_article

# The same readers and articles as the Google Reader tests.
GROUPS = {"Hashtags": 1, "Outlets": 2, "Sections": 3, "Stories": 4}


def api_key(name: str, password: str) -> str:
    return hashlib.md5(f"{name}:{password}".encode()).hexdigest()  # the protocol's own digest


class Fever:
    def __init__(self, key: str) -> None:
        self.key, self.client = key, Client()

    def call(self, query: str = "", **form) -> dict:
        answer = self.client.post(f"/fever/?api&{query}", {"api_key": self.key, **form})
        assert answer.status_code == 200, answer.content
        data = answer.json()
        assert data["api_version"] == 3
        return data

    def raw(self, query: str = "", **form):
        return self.client.post(f"/fever/?api&{query}", {"api_key": self.key, **form})


@pytest.fixture
def fever(make_reader, shelf):
    user = make_reader("ana")
    follow_the_shelf(user, shelf)
    _, password = tokens.make(user, Token.APP, "reeder")
    app = Fever(api_key("ana", password))
    app.user = user
    return app


def follow_id(user, kind: str) -> int:
    return Follow.objects.get(user=user, kind=kind).pk


def test_auth_by_api_key(fever):
    data = fever.call()
    assert data["auth"] == 1
    assert abs(data["last_refreshed_on_time"] - time.time()) < 3600 * 24
    # The key in the query string works too (some apps send it so).
    answer = Client().get(f"/fever/?api&api_key={fever.key}")
    assert answer.json()["auth"] == 1


@pytest.mark.parametrize(
    "query", ["", "groups", "feeds", "items", "unread_item_ids", "saved_item_ids", "links"]
)
def test_a_wrong_key_is_auth_0_and_nothing_else(fever, query):
    for key in ["", "0" * 32, api_key("ana", "tidal-basin-lantern"), "x" * 500]:
        answer = Client().post(f"/fever/?api&{query}", {"api_key": key})
        assert answer.status_code == 200
        assert answer.json() == {"api_version": 3, "auth": 0}
    assert Client().post(f"/fever/?api&{query}").json() == {"api_version": 3, "auth": 0}


def test_a_revoked_app_password_is_refused(fever):
    tokens.revoke(fever.user, Token.objects.get(user=fever.user, purpose=Token.APP).pk)
    assert fever.call()["auth"] == 0


def test_without_api_it_is_not_a_call(fever):
    answer = Client().post("/fever/", {"api_key": fever.key})
    assert answer.status_code == 400


def test_groups_and_feeds_are_kinds_and_follows(fever, shelf):
    user = fever.user
    data = fever.call("groups")
    assert data["groups"] == [{"id": n, "title": t} for t, n in GROUPS.items()]
    assert {g["group_id"]: g["feed_ids"] for g in data["feeds_groups"]} == {
        1: str(follow_id(user, "tag")),
        2: str(follow_id(user, "outlet")),
        3: str(follow_id(user, "section")),
        4: str(follow_id(user, "story")),
    }
    feeds = {f["id"]: f for f in fever.call("feeds")["feeds"]}
    outlet = feeds[follow_id(user, "outlet")]
    assert outlet["title"] == "Harbour Ledger"
    assert outlet["site_url"] == "http://testserver/o/harbour-ledger/"
    assert outlet["is_spark"] == 0
    assert outlet["last_updated_on_time"] > 0
    assert feeds[follow_id(user, "tag")]["title"] == "#Tidal Energy"
    assert "feeds_groups" in fever.call("feeds")
    assert fever.call("favicons")["favicons"] == []
    assert fever.call("links")["links"] == []


def test_items_since_max_and_with_ids(fever, shelf):
    followed = sorted(shelf[k].pk for k in ("tide", "sport", "energy", "science", "other"))
    data = fever.call("items")
    assert [i["id"] for i in data["items"]] == followed
    assert data["total_items"] == 5
    assert [i["id"] for i in fever.call(f"items&since_id={followed[1]}")["items"]] == followed[2:]
    assert [i["id"] for i in fever.call("items&max_id=0")["items"]] == followed[::-1]
    assert [i["id"] for i in fever.call(f"items&max_id={followed[2]}")["items"]] == [
        followed[1],
        followed[0],
    ]
    with_ids = f"{followed[3]},{followed[0]}"
    assert [i["id"] for i in fever.call(f"items&with_ids={with_ids}")["items"]] == [
        followed[0],
        followed[3],
    ]
    item = next(i for i in data["items"] if i["id"] == shelf["sport"].pk)
    assert item == {
        "id": shelf["sport"].pk,
        "feed_id": follow_id(fever.user, "outlet"),
        "title": shelf["sport"].title,
        "author": "Harbour Ledger",
        "html": item["html"],
        "url": shelf["sport"].url,
        "is_saved": 0,
        "is_read": 0,
        "created_on_time": int(shelf["sport"].published_at.timestamp()),
    }
    assert item["html"].startswith("<p>")


def test_items_page_by_fifty(fever, shelf):
    for n in range(60):
        store_article(100 + n, "Harbour Ledger", hours_ago=1)
    first = fever.call("items")["items"]
    assert len(first) == 50
    rest = fever.call(f"items&since_id={first[-1]['id']}")["items"]
    assert len(rest) == 65 - 50


def test_unread_and_saved_ids_and_marking_items(fever, shelf):
    pk = shelf["energy"].pk
    unread = fever.call("unread_item_ids")["unread_item_ids"].split(",")
    assert sorted(map(int, unread)) == sorted(
        shelf[k].pk for k in ("tide", "sport", "energy", "science", "other")
    )
    data = fever.call(mark="item", **{"as": "read"}, id=str(pk))
    assert str(pk) not in data["unread_item_ids"].split(",")
    assert Read.objects.filter(user=fever.user, article_id=pk).exists()
    data = fever.call(mark="item", **{"as": "unread"}, id=str(pk))
    assert str(pk) in data["unread_item_ids"].split(",")
    assert not Read.objects.filter(user=fever.user).exists()
    data = fever.call(mark="item", **{"as": "saved"}, id=str(pk))
    assert data["saved_item_ids"] == str(pk)
    assert fever.call("saved_item_ids")["saved_item_ids"] == str(pk)
    assert Bookmark.objects.filter(user=fever.user, article_id=pk).exists()
    assert fever.call(f"items&with_ids={pk}")["items"][0]["is_saved"] == 1
    assert fever.call(mark="item", **{"as": "unsaved"}, id=str(pk))["saved_item_ids"] == ""


def test_mark_a_feed_or_group_read_before_a_time(fever, shelf):
    user = fever.user
    before = int(time.time()) + 5
    fever.call(mark="feed", **{"as": "read"}, id=str(follow_id(user, "outlet")), before=before)
    read = set(Read.objects.filter(user=user).values_list("article_id", flat=True))
    assert read == {shelf["tide"].pk, shelf["sport"].pk}
    # Before the articles were stored: nothing more is marked.
    fever.call(mark="group", **{"as": "read"}, id="1", before="1000")
    assert Read.objects.filter(user=user).count() == 2
    fever.call(mark="group", **{"as": "read"}, id="1", before=before)
    assert Read.objects.filter(user=user).count() == 3  # energy joins
    data = fever.call(mark="group", **{"as": "read"}, id="0", before=before)
    assert data["unread_item_ids"] == ""
    assert Read.objects.filter(user=user).count() == 5


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("items&with_ids=1,x", {}),
        ("items&with_ids=" + ",".join(str(n) for n in range(1, 60)), {}),
        ("items&since_id=abc", {}),
        ("items&max_id=" + "9" * 30, {}),
        ("", {"mark": "item", "as": "read", "id": "x"}),
        ("", {"mark": "item", "as": "read"}),
        ("", {"mark": "item", "as": "popular", "id": "1"}),
        ("", {"mark": "feed", "as": "read", "id": "999999"}),
        ("", {"mark": "group", "as": "read", "id": "77"}),
        ("", {"mark": "group", "as": "read", "id": "1", "before": "soon"}),
        ("", {"mark": "sparks", "as": "read", "id": "1"}),
    ],
)
def test_bad_input_is_a_400(fever, query, form):
    answer = fever.raw(query, **form)
    assert answer.status_code == 400
    assert 0 < len(answer.content) < 200
    assert not Read.objects.exists()


def test_mutes_reach_fever(fever, shelf):
    Profile.objects.create(user=fever.user, muted_outlets=[shelf["tide"].source_id])
    ids = {i["id"] for i in fever.call("items")["items"]}
    assert shelf["tide"].pk not in ids and shelf["sport"].pk not in ids
    assert str(shelf["tide"].pk) not in fever.call("unread_item_ids")["unread_item_ids"]


def test_one_reader_never_sees_anothers_feeds_or_marks(fever, shelf, make_reader):
    bo = make_reader("bo")
    Follow.objects.create(user=bo, kind="outlet", key="valley-post")
    _, password = tokens.make(bo, Token.APP, "unread")
    other = Fever(api_key("bo", password))
    Read.objects.create(user=fever.user, article=shelf["other"])
    Bookmark.objects.create(user=fever.user, article=shelf["tide"])
    assert [f["title"] for f in other.call("feeds")["feeds"]] == ["Valley Post"]
    assert [i["id"] for i in other.call("items")["items"]] == [shelf["other"].pk]
    assert other.call("items")["items"][0]["is_read"] == 0
    assert other.call("unread_item_ids")["unread_item_ids"] == str(shelf["other"].pk)
    assert other.call("saved_item_ids")["saved_item_ids"] == ""
    # ana's feed id means nothing to bo.
    answer = other.raw(mark="feed", **{"as": "read"}, id=str(follow_id(fever.user, "outlet")))
    assert answer.status_code == 400
    other.call(mark="item", **{"as": "read"}, id=str(shelf["tide"].pk))
    assert Read.objects.filter(user=fever.user).count() == 1
    assert fever.call(f"items&with_ids={shelf['tide'].pk}")["items"][0]["is_read"] == 0

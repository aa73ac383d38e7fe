"""The Google Reader API as reader apps speak it: log in with an app password, list the
follows as subscriptions, read streams of articles (marks: test_greader_marks.py)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import resolve

from newsfold.api import tokens
from newsfold.api.models import Token
from newsfold.community.models import Bookmark, Follow, Profile, Read
from newsfold.news.models import Story
from tests.api.greaderapp import (
    HOST,
    PREFIX,
    READ,
    READING_LIST,
    STARRED,
    app_password,
    contents,
    feed_id,
    get,
    ids_of,
)

# Logging in


def test_client_login_answers_sid_lsid_and_auth(make_reader):
    user = make_reader("ana")
    password = app_password(user)
    answer = Client().post("/accounts/ClientLogin", {"Email": "ana", "Passwd": password})
    assert answer.status_code == 200
    lines = dict(line.split("=", 1) for line in answer.content.decode().split())
    assert set(lines) == {"SID", "LSID", "Auth"}
    assert tokens.user_for(lines["Auth"], Token.SESSION) == user
    as_json = (
        Client()
        .post("/accounts/ClientLogin?output=json", {"Email": "ANA", "Passwd": password})
        .json()
    )
    assert tokens.user_for(as_json["Auth"], Token.SESSION) == user


@pytest.mark.parametrize("email", ["ana", "bo", ""])
def test_a_bad_login_is_bad_authentication(make_reader, email):
    user = make_reader("ana", password="tidal-basin-lantern")
    make_reader("bo")
    password = app_password(user)
    for form in [
        {"Email": email, "Passwd": "tidal-basin-lantern"},  # the account's own password
        {"Email": email, "Passwd": password + "x"},
        {"Email": email},
    ]:
        answer = Client().post("/accounts/ClientLogin", form)
        assert answer.status_code == 401
        assert answer.content == b"Error=BadAuthentication\n"
    if email != "ana":  # another account's name with ana's app password
        answer = Client().post("/accounts/ClientLogin", {"Email": email, "Passwd": password})
        assert answer.status_code == 401


def test_client_login_takes_no_get(make_reader):
    assert Client().get("/accounts/ClientLogin").status_code == 405


CALLS = [
    ("get", "/reader/api/0/token"),
    ("get", "/reader/api/0/user-info"),
    ("get", "/reader/api/0/subscription/list"),
    ("get", "/reader/api/0/tag/list"),
    ("get", "/reader/api/0/unread-count"),
    ("get", f"/reader/api/0/stream/contents/{READING_LIST}"),
    ("get", f"/reader/api/0/stream/items/ids?s={READING_LIST}"),
    ("post", "/reader/api/0/stream/items/contents"),
    ("post", "/reader/api/0/edit-tag"),
    ("post", "/reader/api/0/mark-all-as-read"),
    ("post", "/reader/api/0/subscription/edit"),
    ("post", "/reader/api/0/subscription/quickadd"),
    ("get", "/reader/atom/user/-/state/com.google/reading-list"),
]


@pytest.mark.parametrize(("method", "path"), CALLS)
def test_every_call_needs_a_session(reader, method, path):
    for headers in [
        {},
        {"HTTP_AUTHORIZATION": "GoogleLogin auth=not-a-token"},
        {"HTTP_AUTHORIZATION": "Bearer " + reader.defaults["HTTP_AUTHORIZATION"].split("=")[1]},
        {"HTTP_AUTHORIZATION": "GoogleLogin"},
    ]:
        answer = getattr(Client(), method)(path, **headers)
        assert answer.status_code == 401, (headers, answer.content)


def test_revoking_the_app_password_ends_its_sessions(reader):
    assert reader.get("/reader/api/0/user-info").status_code == 200
    app = Token.objects.get(user=reader.user, purpose=Token.APP)
    tokens.revoke(reader.user, app.pk)
    assert reader.get("/reader/api/0/user-info").status_code == 401


def test_an_address_with_a_doubled_slash_reaches_the_same_calls():
    """newsboat joins "https://host/" and "/accounts/ClientLogin"."""
    assert resolve("//accounts/ClientLogin").url_name == "greader-login"
    assert resolve("//reader/api/0/subscription/list").url_name == "greader-subscription-list"
    assert resolve("//reader/atom/feed/x").url_name == "greader-atom"


# What the reader follows


def test_user_info_names_the_reader(reader):
    info = get(reader, "/reader/api/0/user-info")
    assert info["userName"] == "ana"
    assert info["userId"] == str(reader.user.pk)


def test_subscriptions_are_the_follows_each_in_the_folder_of_its_kind(reader, shelf):
    subs = get(reader, "/reader/api/0/subscription/list")["subscriptions"]
    story = shelf["other"].story_id
    assert [(s["id"], s["title"], [c["label"] for c in s["categories"]]) for s in subs] == [
        (feed_id("/t/tidal-energy/"), "#Tidal Energy", ["Hashtags"]),
        (feed_id("/o/harbour-ledger/"), "Harbour Ledger", ["Outlets"]),
        (feed_id("/c/science/"), "Science", ["Sections"]),
        (feed_id(f"/s/{story}/"), Story.objects.get(pk=story).headline, ["Stories"]),
    ]
    assert subs[0]["categories"][0]["id"] == "user/-/label/Hashtags"
    assert subs[0]["htmlUrl"] == f"{HOST}/t/tidal-energy/"


def test_tag_list_has_starred_and_the_folders_in_use(reader):
    Follow.objects.filter(user=reader.user, kind="section").delete()
    tags = [t["id"] for t in get(reader, "/reader/api/0/tag/list")["tags"]]
    assert tags == [
        STARRED,
        "user/-/label/Hashtags",
        "user/-/label/Outlets",
        "user/-/label/Stories",
    ]


def test_unread_counts_per_feed_folder_and_reading_list(reader, shelf):
    Read.objects.create(user=reader.user, article=shelf["tide"])
    counts = {
        c["id"]: c["count"] for c in get(reader, "/reader/api/0/unread-count")["unreadcounts"]
    }
    story = shelf["other"].story_id
    assert counts == {
        feed_id("/t/tidal-energy/"): 1,  # energy (tide is read)
        feed_id("/o/harbour-ledger/"): 1,  # sport
        feed_id("/c/science/"): 1,
        feed_id(f"/s/{story}/"): 1,
        "user/-/label/Hashtags": 1,
        "user/-/label/Outlets": 1,
        "user/-/label/Sections": 1,
        "user/-/label/Stories": 1,
        READING_LIST: 4,
    }


# Streams


def test_reading_list_holds_every_followed_article_newest_first(reader, shelf):
    data = contents(reader, READING_LIST)
    assert ids_of(data) == [shelf[k].pk for k in ("other", "science", "energy", "sport", "tide")]
    assert "continuation" not in data


def test_an_item_carries_its_feed_state_and_body(reader, shelf):
    Bookmark.objects.create(user=reader.user, article=shelf["energy"])
    Read.objects.create(user=reader.user, article=shelf["energy"])
    item = next(
        i
        for i in contents(reader, READING_LIST)["items"]
        if i["id"].endswith(f"{shelf['energy'].pk:016x}")
    )
    assert item["id"] == f"{PREFIX}{shelf['energy'].pk:016x}"
    assert item["title"] == shelf["energy"].title
    assert {READING_LIST, READ, STARRED, "user/-/label/Hashtags"} <= set(item["categories"])
    assert item["origin"]["streamId"] == feed_id("/t/tidal-energy/")
    assert item["alternate"][0]["href"] == shelf["energy"].url
    assert item["summary"]["content"].startswith("<p>")
    assert int(item["timestampUsec"]) // 1_000_000 == item["published"]


def test_a_feed_a_folder_and_starred_are_streams(reader, shelf):
    assert ids_of(contents(reader, feed_id("/o/harbour-ledger/"))) == [
        shelf["sport"].pk,
        shelf["tide"].pk,
    ]
    # Another host or the bare path name the same feed.
    assert ids_of(contents(reader, "feed/https://elsewhere.example/o/harbour-ledger/")) == [
        shelf["sport"].pk,
        shelf["tide"].pk,
    ]
    assert ids_of(contents(reader, "user/-/label/Sections")) == [shelf["science"].pk]
    assert ids_of(contents(reader, f"user/{reader.user.pk}/label/Sections")) == [
        shelf["science"].pk
    ]
    assert ids_of(contents(reader, STARRED)) == []
    Bookmark.objects.create(user=reader.user, article=shelf["sport"])
    assert ids_of(contents(reader, STARRED)) == [shelf["sport"].pk]
    assert ids_of(get(reader, "/reader/api/0/stream/contents", s=STARRED)) == [shelf["sport"].pk]


def test_pages_follow_the_continuation_either_way(reader, shelf):
    newest_first = [shelf[k].pk for k in ("other", "science", "energy", "sport", "tide")]
    for order, expected in [({}, newest_first), ({"r": "o"}, newest_first[::-1])]:
        seen, cont = [], None
        for _ in range(5):
            data = contents(reader, READING_LIST, n=2, **order, **({"c": cont} if cont else {}))
            seen += ids_of(data)
            cont = data.get("continuation")
            if not cont:
                break
        assert seen == expected


def test_excluding_read_and_times(reader, shelf):
    Read.objects.create(user=reader.user, article=shelf["science"])
    assert shelf["science"].pk not in ids_of(contents(reader, READING_LIST, xt=READ))
    assert ids_of(contents(reader, READING_LIST, it=READ)) == [shelf["science"].pk]
    after = int(shelf["energy"].published_at.timestamp())
    assert ids_of(contents(reader, READING_LIST, ot=after)) == [
        shelf[k].pk for k in ("other", "science", "energy")
    ]
    assert ids_of(contents(reader, READING_LIST, nt=after + 1)) == [
        shelf[k].pk for k in ("energy", "sport", "tide")
    ]


def test_mutes_reach_the_app(reader, shelf):
    Profile.objects.create(user=reader.user, muted_outlets=[shelf["energy"].source_id])
    assert shelf["energy"].pk not in ids_of(contents(reader, READING_LIST))
    assert shelf["science"].pk not in ids_of(contents(reader, READING_LIST))


def test_item_ids_then_their_contents_in_every_id_form(reader, shelf):
    refs = get(reader, "/reader/api/0/stream/items/ids", s=READING_LIST, n=10)["itemRefs"]
    assert [int(r["id"]) for r in refs] == [
        shelf[k].pk for k in ("other", "science", "energy", "sport", "tide")
    ]
    assert refs[0]["directStreamIds"] == [feed_id(f"/s/{shelf['other'].story_id}/")]
    pk_a, pk_b, pk_c = shelf["tide"].pk, shelf["sport"].pk, shelf["energy"].pk
    answer = reader.post(
        "/reader/api/0/stream/items/contents?output=json",
        {"i": [f"{PREFIX}{pk_a:016x}", str(pk_b), f"{pk_c:016x}", f"{PREFIX}{pk_a:x}"]},
    )
    assert answer.status_code == 200
    assert ids_of(answer.json()) == [pk_a, pk_b, pk_c]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/reader/api/0/stream/contents/user/-/label/Nope", {}),
        ("/reader/api/0/stream/contents/feed/https://x.example/feed.xml", {}),
        ("/reader/api/0/stream/contents/user/-/state/com.google/whatever", {}),
        ("/reader/api/0/stream/contents/user/OTHER/state/com.google/reading-list", {}),
        ("/reader/api/0/stream/contents", {}),
        (f"/reader/api/0/stream/contents/{READING_LIST}", {"c": "garbage"}),
        (f"/reader/api/0/stream/contents/{READING_LIST}", {"n": "-3"}),
        (f"/reader/api/0/stream/contents/{READING_LIST}", {"n": "9" * 40}),
        (f"/reader/api/0/stream/contents/{READING_LIST}", {"ot": "yesterday"}),
        (f"/reader/api/0/stream/contents/{READING_LIST}", {"ot": "9" * 30}),
        (f"/reader/api/0/stream/contents/{READING_LIST}", {"xt": "user/-/label/Outlets"}),
        ("/reader/api/0/stream/items/ids", {}),
        ("/reader/api/0/stream/items/contents", {}),
        ("/reader/api/0/stream/items/contents", {"i": "tag:google.com,2005:reader/item/zz"}),
        ("/reader/api/0/stream/items/contents", {"i": "9" * 25}),
        ("/reader/api/0/stream/items/contents", {"i": "0"}),
        ("/reader/atom/user/-/label/Nope", {}),
    ],
)
def test_bad_input_is_a_400_with_a_reason(reader, path, params):
    # Another reader's id: never this reader's own, whatever ids the database gave out.
    answer = reader.get(path.replace("OTHER", str(reader.user.pk + 1)), params)
    assert answer.status_code == 400
    assert answer["Content-Type"].startswith("text/plain")
    assert 0 < len(answer.content) < 300

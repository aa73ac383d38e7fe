"""The Google Reader API as reader apps speak it: log in with an app password, list the
follows as subscriptions, read streams of articles, mark them read and starred."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import resolve

from newsfold.api import tokens
from newsfold.api.models import Token
from newsfold.community.models import Bookmark, Follow, Profile, Read
from newsfold.news.models import Story
from tests.api.conftest import follow_the_shelf
from tests.community.conftest import store_article

READING_LIST = "user/-/state/com.google/reading-list"
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
PREFIX = "tag:google.com,2005:reader/item/"
HOST = "http://testserver"


def app_password(user) -> str:
    return tokens.make(user, Token.APP, "test app")[1]


def login(client: Client, user) -> dict[str, str]:
    """ClientLogin with a fresh app password; the headers later calls send."""
    answer = client.post(
        "/accounts/ClientLogin", {"Email": user.get_username(), "Passwd": app_password(user)}
    )
    assert answer.status_code == 200
    auth = dict(line.split("=", 1) for line in answer.content.decode().split())["Auth"]
    return {"HTTP_AUTHORIZATION": f"GoogleLogin auth={auth}"}


@pytest.fixture
def reader(make_reader, shelf):
    """A reader following a hashtag, an outlet, a section and the story of `other`."""
    user = make_reader("ana")
    follow_the_shelf(user, shelf)
    client = Client()
    client.defaults.update(login(client, user))
    client.user = user
    return client


def feed_id(path: str) -> str:
    return f"feed/{HOST}{path}"


def get(client, path, **params):
    answer = client.get(path, {"output": "json", **params})
    assert answer.status_code == 200, answer.content
    return answer.json()


def contents(client, stream, **params):
    return get(client, f"/reader/api/0/stream/contents/{quote(stream, safe='')}", **params)


def ids_of(data) -> list[int]:
    return [int(item["id"][len(PREFIX) :], 16) for item in data["items"]]


def edit(client, **form):
    token = client.get("/reader/api/0/token").content.decode()
    return client.post("/reader/api/0/edit-tag", {**form, "T": token})


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
        ("/reader/api/0/stream/contents/user/2/state/com.google/reading-list", {}),
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
    answer = reader.get(path, params)
    assert answer.status_code == 400
    assert answer["Content-Type"].startswith("text/plain")
    assert 0 < len(answer.content) < 300


# Marking


def test_edit_tag_marks_read_unread_starred_and_unstarred(reader, shelf):
    pk = shelf["energy"].pk
    long_id = f"{PREFIX}{pk:016x}"
    assert edit(reader, i=long_id, a=READ).content == b"OK"
    assert Read.objects.filter(user=reader.user, article_id=pk).exists()
    # newsboat's "unread": remove read, add kept-unread and tracking-kept-unread
    answer = edit(
        reader,
        i=long_id,
        r=READ,
        a=[
            "user/-/state/com.google/kept-unread",
            "user/-/state/com.google/tracking-kept-unread",
        ],
    )
    assert answer.content == b"OK"
    assert not Read.objects.filter(user=reader.user, article_id=pk).exists()
    assert edit(reader, i=[str(pk), long_id], a=STARRED).content == b"OK"
    assert Bookmark.objects.filter(user=reader.user, article_id=pk).count() == 1
    assert edit(reader, i=str(pk), r=STARRED).content == b"OK"
    assert not Bookmark.objects.filter(user=reader.user).exists()


def test_edit_tag_needs_a_post_items_and_a_known_tag(reader, shelf):
    pk = str(shelf["energy"].pk)
    assert reader.get("/reader/api/0/edit-tag", {"i": pk, "a": READ}).status_code == 405
    assert edit(reader, a=READ).status_code == 400
    assert edit(reader, i="nonsense", a=READ).status_code == 400
    assert edit(reader, i=pk, a="popular").status_code == 400
    assert not Read.objects.exists()
    assert edit(reader, i="999999", a=READ).content == b"OK"  # gone: nothing to mark


def test_the_edit_token_is_checked_when_sent(reader, shelf):
    pk = str(shelf["energy"].pk)
    wrong = reader.post("/reader/api/0/edit-tag", {"i": pk, "a": READ, "T": "forged"})
    assert wrong.status_code == 401
    assert wrong["X-Reader-Google-Bad-Token"] == "true"
    assert not Read.objects.exists()
    assert reader.post("/reader/api/0/edit-tag", {"i": pk, "a": READ}).content == b"OK"


def test_mark_all_as_read_up_to_a_time(reader, shelf):
    ts = int(shelf["energy"].published_at.timestamp() * 1_000_000)
    token = reader.get("/reader/api/0/token").content.decode()
    answer = reader.post(
        "/reader/api/0/mark-all-as-read", {"s": "user/-/label/Hashtags", "ts": ts, "T": token}
    )
    assert answer.content == b"OK"
    read = set(Read.objects.filter(user=reader.user).values_list("article_id", flat=True))
    assert read == {shelf["tide"].pk, shelf["energy"].pk}
    answer = reader.post("/reader/api/0/mark-all-as-read", {"s": READING_LIST, "T": token})
    assert answer.content == b"OK"
    assert Read.objects.filter(user=reader.user).count() == 5
    assert reader.post("/reader/api/0/mark-all-as-read", {}).status_code == 400
    assert reader.post("/reader/api/0/mark-all-as-read", {"s": "feed/x"}).status_code == 400


def test_subscribe_and_unsubscribe_by_the_address_of_a_page(reader, shelf):
    token = reader.get("/reader/api/0/token").content.decode()

    def sub(**form):
        return reader.post("/reader/api/0/subscription/edit", {**form, "T": token})

    assert sub(ac="subscribe", s="feed/http://testserver/o/coast-courier/").content == b"OK"
    assert Follow.objects.filter(user=reader.user, kind="outlet", key="coast-courier").exists()
    assert sub(ac="unsubscribe", s=feed_id("/t/tidal-energy/")).content == b"OK"
    assert not Follow.objects.filter(user=reader.user, kind="tag").exists()
    assert sub(ac="edit", s=feed_id("/c/science/"), t="Renamed").content == b"OK"
    for bad in [
        {"ac": "subscribe", "s": "feed/https://example.org/feed.xml"},
        {"ac": "subscribe", "s": "feed/https://elsewhere.example/o/valley-post/"},
        {"ac": "subscribe", "s": "feed/http://testserver/o/no-such-outlet/"},
        {"ac": "subscribe", "s": "feed/http://testserver/c/not-a-section/"},
        {"ac": "subscribe"},
        {"ac": "rename", "s": feed_id("/c/science/")},
        {"ac": "edit", "s": feed_id("/t/tidal-energy/")},
    ]:
        answer = sub(**bad)
        assert answer.status_code == 400, bad
        assert answer.content
    assert Follow.objects.filter(user=reader.user).count() == 4


def test_quickadd_follows_a_page_of_ours(reader, shelf):
    answer = reader.post(
        "/reader/api/0/subscription/quickadd", {"quickadd": "http://testserver/o/valley-post/"}
    )
    assert answer.json() == {
        "numResults": 1,
        "query": "http://testserver/o/valley-post/",
        "streamId": feed_id("/o/valley-post/"),
        "streamName": "Valley Post",
    }
    story = shelf["sport"].story_id
    answer = reader.post("/reader/api/0/subscription/quickadd", {"quickadd": f"/s/{story}/a-slug/"})
    assert answer.json()["streamId"] == feed_id(f"/s/{story}/")
    answer = reader.post(
        "/reader/api/0/subscription/quickadd", {"quickadd": "https://example.org/rss"}
    )
    assert answer.status_code == 400
    assert b"not" in answer.content


# Other readers


def test_one_reader_never_sees_anothers_follows_or_marks(reader, shelf, make_reader):
    bo = make_reader("bo")
    Follow.objects.create(user=bo, kind="outlet", key="valley-post")
    Read.objects.create(user=bo, article=shelf["tide"])
    Bookmark.objects.create(user=bo, article=shelf["tide"])
    other = Client()
    other.defaults.update(login(other, bo))
    subs = get(other, "/reader/api/0/subscription/list")["subscriptions"]
    assert [s["id"] for s in subs] == [feed_id("/o/valley-post/")]
    assert ids_of(contents(other, READING_LIST)) == [shelf["other"].pk]
    assert (
        other.get("/reader/api/0/stream/contents/" + feed_id("/t/tidal-energy/")).status_code == 400
    )
    # ana's view of the article bo read and starred: unread, not starred.
    item = contents(reader, READING_LIST)["items"][-1]
    assert READ not in item["categories"] and STARRED not in item["categories"]
    assert ids_of(contents(reader, STARRED)) == []
    edit(other, i=str(shelf["energy"].pk), a=READ)
    assert not Read.objects.filter(user=reader.user).exists()
    unread = {
        c["id"]: c["count"] for c in get(reader, "/reader/api/0/unread-count")["unreadcounts"]
    }
    assert unread[READING_LIST] == 5
    # bo's session is bo's only, whatever stream or user id it names.
    assert (
        other.get(
            f"/reader/api/0/stream/contents/user/{reader.user.pk}/state/com.google/starred"
        ).status_code
        == 400
    )


# Atom, as newsboat reads it


ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_stream_carries_state_as_google_categories(reader, shelf):
    Read.objects.create(user=reader.user, article=shelf["tide"])
    answer = reader.get("/reader/atom/" + quote(feed_id("/t/tidal-energy/"), safe=""), {"n": 20})
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(answer.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [
        f"{PREFIX}{shelf['energy'].pk:016x}",
        f"{PREFIX}{shelf['tide'].pk:016x}",
    ]
    labels = [
        {c.get("label") for c in e.findall(f"{ATOM}category") if c.get("scheme")} for e in entries
    ]
    assert "fresh" in labels[0] and "read" not in labels[0]
    assert "read" in labels[1]
    assert entries[0].find(f"{ATOM}link").get("href") == shelf["energy"].url


def test_a_hashtag_in_arabic_is_a_feed_like_any_other(reader, make_reader):
    article = store_article(20, "Harbour Ledger", tags=["طاقة المد"], hours_ago=1)
    slug = article.hashtags.get().slug
    token = reader.get("/reader/api/0/token").content.decode()
    address = f"http://testserver/t/{quote(slug)}/"
    answer = reader.post("/reader/api/0/subscription/quickadd", {"quickadd": address, "T": token})
    stream = answer.json()["streamId"]
    assert stream == f"feed/{address}"
    assert answer.json()["streamName"] == "#طاقة المد"
    assert ids_of(contents(reader, stream)) == [article.pk]
    atom = reader.get("/reader/atom/" + quote(stream, safe=""))
    entries = ET.fromstring(atom.content).findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [f"{PREFIX}{article.pk:016x}"]


def test_markup_in_a_title_or_text_stays_text(reader):
    hostile = "<script>alert(1)</script> Gales <b>close</b>"
    article = store_article(
        21,
        "Harbour Ledger",
        title=hostile,
        text="One <img src=x onerror=alert(1)> two",
        hours_ago=1,
    )
    item = contents(reader, READING_LIST)["items"][0]
    assert item["id"] == f"{PREFIX}{article.pk:016x}"
    assert "<script" not in item["summary"]["content"]
    assert "<img" not in item["summary"]["content"]
    atom = reader.get("/reader/atom/" + quote(READING_LIST, safe=""))
    assert b"<script" not in atom.content
    entry = ET.fromstring(atom.content).find(f"{ATOM}entry")
    title = entry.find(f"{ATOM}title")
    assert (title.text, title.get("type")) == (article.title, "text")  # shown as text
    assert "<img" not in entry.findtext(f"{ATOM}content")


def test_odd_bodies_are_refused_not_failed(reader, shelf):
    pk = str(shelf["energy"].pk)
    answer = reader.post("/reader/api/0/edit-tag", {"i": pk, "a": READ, "T": "é"})
    assert answer.status_code == 401
    for body, content_type in [
        (b"--x\r\nnonsense", "multipart/form-data; boundary=x"),
        (b"--x\r\nnonsense", "multipart/form-data"),
        (b"i=%ZZ&a=" + READ.encode(), "application/x-www-form-urlencoded"),
        (b"\xff\xfe=\xff", "application/x-www-form-urlencoded"),
    ]:
        answer = reader.post("/reader/api/0/edit-tag", body, content_type=content_type)
        assert answer.status_code in (400, 401), (body, answer.status_code)
    assert not Read.objects.exists()

"""The Google Reader API's marks and edits: read, unread, starred, mark all as read,
subscribe and unsubscribe; one reader's never reach another; the Atom output newsboat reads."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import quote

from django.test import Client

from newsfold.community.models import Bookmark, Follow, Read
from tests.api.greaderapp import (
    PREFIX,
    READ,
    READING_LIST,
    STARRED,
    contents,
    edit,
    feed_id,
    get,
    ids_of,
    login,
)
from tests.community.conftest import store_article

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

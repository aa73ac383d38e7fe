"""Feeds out: RSS 2.0, Atom and JSON Feed for the site's pages and a reader's "For you",
each valid (`tests/api/feedformats.py`) and holding what its page shows."""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

import feedparser
import pytest
from django.test import Client
from django.utils import timezone

from newsfold.api.models import Token
from newsfold.news.models import Article, Story
from newsfold.news.views import opening
from newsfold.sources.outlets import outlet
from tests.api.feedformats import FORMATS, entries, get_feed, titles, valid
from tests.community.conftest import csrf, store_article
from tests.community.test_reading import follow, mute
from tests.news.test_stories import OTHER_EVENT

pytestmark = pytest.mark.django_db

# --- the news to feed ---------------------------------------------------------------------


def _regional(n: int, name: str, region: str, **kw) -> Article:
    source = outlet(name)
    if source.region != region:
        source.region = region
        source.save(update_fields=["region"])
    return store_article(n, name, **kw)


THIRD_TAKE = (
    "Ferry terminal work at Port Ellis starts in spring",
    "Work on the new Port Ellis ferry terminal on the north quay starts in spring, harbour "
    "council leader Ines Marlow said, a week after the council approved the 40 million plan "
    "for a terminal opening in 2029.",
)


@pytest.fixture
def news():
    """Two outlets in two regions, a section, a hashtag, and a story two outlets cover."""
    (title, text), (echo_title, echo_text) = OTHER_EVENT
    first = _regional(
        1,
        "Harbour Ledger",
        "Europe",
        title=title,
        text=text,
        tags=["Kessel Strait"],
        category="Sports",
        hours_ago=5,
    )
    second = _regional(2, "Sandbar Gazette", "Asia", title="Market prices settle", hours_ago=3)
    echo = _regional(3, "Sandbar Gazette", "Asia", title=echo_title, text=echo_text, hours_ago=1)
    assert echo.story_id == first.story_id != second.story_id
    return {"first": first, "second": second, "echo": echo}


def feed_paths(news) -> dict[str, str]:
    first = news["first"]
    tag = first.hashtags.get(name="Kessel Strait")
    return {
        "top": "/feeds/top.{}",
        "latest": "/feeds/latest.{}",
        "edition": "/feeds/e/europe.{}",
        "section": "/feeds/c/sports.{}",
        "hashtag": f"/feeds/t/{tag.slug}.{{}}",
        "outlet": f"/feeds/o/{first.source.slug}.{{}}",
        "story": f"/feeds/s/{first.story_id}.{{}}",
        "search": "/feeds/search.{}?q=ferry&category=sports",
    }


# --- tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_feed_is_valid_and_holds_what_its_page_shows(client, news, fmt):
    first, second = news["first"], news["second"]
    expected = {
        "top": {first.story.headline, second.story.headline},
        "latest": {first.title, second.title, news["echo"].title},
        "edition": {first.story.headline, second.story.headline},
        "section": {first.title},
        "hashtag": {first.title},
        "outlet": {first.title},
        "story": {first.title, news["echo"].title},
        "search": {first.title},
    }
    for kind, path in feed_paths(news).items():
        body = get_feed(client, path.format(fmt), fmt).content
        assert set(titles(fmt, body)) == expected[kind], kind


def test_the_edition_feed_puts_the_regions_own_outlets_first(client, news):
    harbour = store_article(4, "Harbour Ledger", title="Harbour lights relit", hours_ago=3)
    europe = titles("atom", get_feed(client, "/feeds/e/europe.atom", "atom").content)
    asia = titles("atom", get_feed(client, "/feeds/e/asia.atom", "atom").content)
    local, other = harbour.story.headline, news["second"].story.headline  # both 3 hours old
    assert europe.index(local) < europe.index(other)
    assert asia.index(other) < asia.index(local)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_item_links_our_page_and_the_original_and_names_the_outlet(client, fmt):
    a = store_article(7, "Harbour Ledger", title="Lighthouse keepers vote", category="Politics")
    body = get_feed(client, f"/feeds/o/{a.source.slug}.{fmt}", fmt).content
    [item] = entries(fmt, body)
    assert item["link"] == f"http://testserver/a/{a.pk}/{a.slug}/"
    assert item["original"] == a.url == "https://harbour.example/7"
    assert item["outlet"] == "Harbour Ledger"
    assert item["summary"] == opening(a.text) and 0 < len(item["summary"]) <= 200
    if fmt == "json":
        published = datetime.fromisoformat(item["published"]).utctimetuple()
    else:
        published = feedparser.parse(body).entries[0].published_parsed
    assert published[:6] == a.published_at.utctimetuple()[:6]
    # Our page answers at the item's link.
    assert client.get(item["link"]).status_code == 200


def test_a_story_feed_lists_its_articles_newest_first_and_follows_a_merge(client, news):
    first = news["first"]
    story = first.story
    newer = store_article(
        8, "Lakeside Post", title=THIRD_TAKE[0], text=THIRD_TAKE[1], hours_ago=0.5
    )
    assert newer.story_id == story.pk
    body = get_feed(client, f"/feeds/s/{story.pk}.rss", "rss").content
    listed = titles("rss", body)
    assert listed[0] == newer.title and listed[-1] == first.title
    # Story items link the story page in story feeds (the front page's).
    top = entries("json", get_feed(client, "/feeds/top.json", "json").content)
    assert f"http://testserver/s/{story.pk}/{story.slug}/" in {i["link"] for i in top}
    # A story merged into another: its feed moved to the other's for good.
    gone = Story.objects.create(
        headline="Old headline", first_seen=timezone.now(), last_updated=timezone.now()
    )
    Story.objects.filter(pk=gone.pk).update(merged_into=story)
    moved = client.get(f"/feeds/s/{gone.pk}.atom")
    assert moved.status_code == 301 and moved["Location"] == f"/feeds/s/{story.pk}.atom"


def test_feeds_are_cached_briefly_by_anyone_and_answer_conditional_requests(client, news):
    response = get_feed(client, "/feeds/top.rss", "rss")
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    again = client.get("/feeds/top.rss", headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304 and not again.content
    store_article(9, "Lakeside Post", title="Harbour lights relit", hours_ago=0.1)
    changed = client.get("/feeds/top.rss", headers={"If-None-Match": response["ETag"]})
    assert changed.status_code == 200 and "Harbour lights relit" in changed.content.decode()


def test_public_feeds_are_the_same_for_a_signed_in_reader_with_mutes(client, news, signed_in):
    ada = signed_in("ada")
    mute(ada, "ferry")
    for path in ("/feeds/top.atom", "/feeds/latest.json", "/feeds/search.rss?q=ferry"):
        mine, anyone = ada.get(path), client.get(path)
        assert mine.content == anyone.content, path
        assert "ferry" in anyone.content.decode().lower()
        assert "public" in anyone["Cache-Control"]


def test_bad_input_is_not_found_or_refused_never_an_error(client, news):
    slug = news["first"].source.slug
    for path in (
        "/feeds/top.xml",
        "/feeds/top",
        "/feeds/e/atlantis.rss",
        "/feeds/c/no-such-section.atom",
        "/feeds/t/no-such-tag.json",
        "/feeds/o/no-such-outlet.rss",
        f"/feeds/o/{slug}.html",
        "/feeds/s/99999999.rss",
        "/feeds/s/99999999999999999999999.rss",
        "/feeds/for-you/not-a-secret.rss",
        "/feeds/for-you/.rss",
    ):
        assert client.get(path).status_code == 404, path
    assert client.get("/feeds/t/%00.rss").status_code == 400  # no NUL gets in at all
    for query in ("", "q=", "q=%00", "q=a&outlet=%00", "q=-excluded"):
        status = client.get(f"/feeds/search.atom?{query}").status_code
        assert status in (200, 400), query
    assert client.get("/feeds/search.atom?q=").status_code == 400
    crafted = 'q="unclosed NEAR( * : OR ) &from=yesterday&to=2026-13-45&page=999&category=x'
    response = client.get(f"/feeds/search.atom?{crafted}")
    assert response.status_code == 200
    valid("atom", response.content)


def test_pages_name_their_feeds(client, news, signed_in):
    first = news["first"]
    tag = first.hashtags.get(name="Kessel Strait")
    pages = {
        "/": "/feeds/top",
        "/e/europe/": "/feeds/e/europe",
        "/latest/": "/feeds/latest",
        "/c/sports/": "/feeds/c/sports",
        f"/t/{tag.slug}/": f"/feeds/t/{tag.slug}",
        f"/o/{first.source.slug}/": f"/feeds/o/{first.source.slug}",
        f"/s/{first.story_id}/{first.story.slug}/": f"/feeds/s/{first.story_id}",
        "/search?q=ferry&category=sports&page=2": "/feeds/search",
    }
    ada = signed_in("ada")
    for page, feed in pages.items():
        html = client.get(page).content.decode()
        found = re.findall(
            r'<link rel="alternate" type="([^"]+)" title="[^"]*" href="([^"]+)"', html
        )
        assert [t for t, _ in found] == [
            "application/rss+xml",
            "application/atom+xml",
            "application/feed+json",
        ], page
        for (_, href), fmt in zip(found, FORMATS, strict=True):
            href = href.replace("&amp;", "&")
            assert href.startswith(f"{feed}.{fmt}"), (page, href)
            get_feed(client, href, fmt)
        if page.startswith("/search"):
            assert "q=ferry" in found[0][1] and "category=sports" in found[0][1]
            assert "page=" not in found[0][1]
        # The same links for everyone (kept pages are shared): never a reader's own feed.
        theirs = re.findall(r'<link rel="alternate"[^>]*>', ada.get(page).content.decode())
        assert theirs == re.findall(r'<link rel="alternate"[^>]*>', html), page
        assert "for-you" not in html
    assert 'rel="alternate" type="application/rss' not in client.get("/search").content.decode()


def _feed_address(client) -> str:
    """What the reader copies from the tokens page after asking for a feed address."""
    page = client.post(
        "/account/tokens/",
        {"csrfmiddlewaretoken": csrf(client, "/account/tokens/"), "action": "feed"},
    ).content.decode()
    [address] = re.findall(r'<code class="secret">([^<]+)</code>', page)
    return address


def test_for_you_is_a_readers_own_behind_a_secret_address(client, signed_in):
    harbour = store_article(
        11, "Harbour Ledger", title="Lighthouse keepers vote", tags=["Lighthouses"]
    )
    hushed = store_article(
        12, "Harbour Ledger", title="Lighthouse gales return", tags=["Lighthouses"]
    )
    market = store_article(13, "Sandbar Gazette", title="Market prices settle")
    tag = harbour.hashtags.get(name="Lighthouses")
    ada, ben = signed_in("ada"), signed_in("ben")
    follow(ada, "tag", tag.slug)
    mute(ada, "gales")
    follow(ben, "outlet", market.source.slug)
    ada_feed, ben_feed = _feed_address(ada), _feed_address(ben)
    assert ada_feed.startswith("http://testserver/feeds/for-you/") and ada_feed.endswith(".rss")
    path = urlsplit(ada_feed).path
    # A feed reader has no session: the address alone opens it.
    reader = Client()
    response = get_feed(reader, path, "rss")
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert titles("rss", response.content) == [harbour.story.headline]
    assert hushed.story.headline not in response.content.decode()  # ada's mute holds
    for fmt in ("atom", "json"):
        body = get_feed(reader, path.replace(".rss", f".{fmt}"), fmt).content
        assert titles(fmt, body) == [harbour.story.headline]
    assert titles("rss", get_feed(reader, urlsplit(ben_feed).path, "rss").content) == [
        market.story.headline
    ]
    # A new address stops the old one.
    renewed = urlsplit(_feed_address(ada)).path
    assert reader.get(path).status_code == 404
    assert get_feed(reader, renewed, "rss").status_code == 200
    assert Token.objects.filter(user=ada.user, purpose=Token.FEED, revoked_at=None).count() == 1

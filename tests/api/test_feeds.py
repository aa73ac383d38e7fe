"""Feeds out: RSS 2.0, Atom and JSON Feed for the site's pages and a reader's "For you".

Validity is checked three ways: feedparser reads every feed without a bozo flag; RSS and Atom
pass RELAX NG schemas (lxml) and JSON Feed a JSON Schema (jsonschema_rs), all three written
here from the formats' specifications (RSS 2.0, RFC 4287, JSON Feed 1.1), with the rules a
grammar cannot say (an Atom entry's author or the feed's, an RSS item's title or
description) checked beside them. Nothing is downloaded.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

import feedparser
import jsonschema_rs
import pytest
from django.test import Client
from django.utils import timezone
from lxml import etree

from newsfold.api.feedwriter import text as xml_text
from newsfold.api.models import Token
from newsfold.news.models import Article, Story
from newsfold.news.store import store
from newsfold.news.views import opening
from newsfold.pipeline.types import Draft
from newsfold.sources.outlets import outlet
from tests.community.conftest import csrf, own_text, store_article
from tests.community.test_reading import follow, mute
from tests.conftest import shared_path
from tests.hardening.hostiledocs import BROKEN_MARKUP, CONTROL_IMAGE, CONTROL_IMAGE_ENTITY
from tests.news.test_stories import OTHER_EVENT

pytestmark = pytest.mark.django_db

FORMATS = ("rss", "atom", "json")
TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "json": "application/feed+json",
}
ATOM = "{http://www.w3.org/2005/Atom}"

# --- the schemas ------------------------------------------------------------------------

_ANYTHING = """
  <define name="anything">
    <zeroOrMore><choice>
      <attribute><anyName/></attribute><text/><element><anyName/><ref name="anything"/></element>
    </choice></zeroOrMore>
  </define>"""

ATOM_RNG = f"""<grammar xmlns="http://relaxng.org/ns/structure/1.0"
    ns="http://www.w3.org/2005/Atom"
    datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start><ref name="feed"/></start>
  {_ANYTHING}
  <define name="common">
    <optional><attribute name="xml:lang"/></optional>
    <optional><attribute name="xml:base"/></optional>
  </define>
  <define name="uri"><data type="anyURI"/></define>
  <define name="date">
    <data type="dateTime"><param name="pattern">.+T.+(Z|[+\\-]\\d\\d:\\d\\d)</param></data>
  </define>
  <define name="textConstruct"><ref name="common"/><ref name="textBody"/></define>
  <define name="textBody">
    <choice>
      <group>
        <optional><attribute name="type">
          <choice><value>text</value><value>html</value></choice>
        </attribute></optional>
        <text/>
      </group>
      <group>
        <attribute name="type"><value>xhtml</value></attribute>
        <element ns="http://www.w3.org/1999/xhtml" name="div"><ref name="anything"/></element>
      </group>
    </choice>
  </define>
  <define name="extension">
    <element><anyName><except><nsName/></except></anyName><ref name="anything"/></element>
  </define>
  <define name="person">
    <ref name="common"/>
    <interleave>
      <element name="name"><text/></element>
      <optional><element name="uri"><ref name="uri"/></element></optional>
      <optional><element name="email"><text/></element></optional>
      <zeroOrMore><ref name="extension"/></zeroOrMore>
    </interleave>
  </define>
  <define name="link">
    <element name="link">
      <ref name="common"/>
      <attribute name="href"><ref name="uri"/></attribute>
      <optional><attribute name="rel"><text/></attribute></optional>
      <optional><attribute name="type">
        <data type="string"><param name="pattern">[^/\\s]+/[^/\\s]+</param></data>
      </attribute></optional>
      <optional><attribute name="hreflang"><data type="language"/></attribute></optional>
      <optional><attribute name="title"/></optional>
      <optional><attribute name="length"><data type="nonNegativeInteger"/></attribute></optional>
      <empty/>
    </element>
  </define>
  <define name="category">
    <element name="category">
      <ref name="common"/>
      <attribute name="term"/>
      <optional><attribute name="scheme"><ref name="uri"/></attribute></optional>
      <optional><attribute name="label"/></optional>
      <empty/>
    </element>
  </define>
  <define name="content">
    <element name="content">
      <ref name="common"/>
      <choice>
        <ref name="textBody"/>
        <group>
          <optional><attribute name="type"/></optional>
          <attribute name="src"><ref name="uri"/></attribute>
          <empty/>
        </group>
        <group>
          <attribute name="type"/>
          <zeroOrMore><choice>
            <text/><element><anyName/><ref name="anything"/></element>
          </choice></zeroOrMore>
        </group>
      </choice>
    </element>
  </define>
  <define name="metadata"><interleave>
    <zeroOrMore><element name="author"><ref name="person"/></element></zeroOrMore>
    <zeroOrMore><ref name="category"/></zeroOrMore>
    <zeroOrMore><element name="contributor"><ref name="person"/></element></zeroOrMore>
    <element name="id"><ref name="common"/><ref name="uri"/></element>
    <zeroOrMore><ref name="link"/></zeroOrMore>
    <optional><element name="rights"><ref name="textConstruct"/></element></optional>
    <element name="title"><ref name="textConstruct"/></element>
    <element name="updated"><ref name="common"/><ref name="date"/></element>
    <zeroOrMore><ref name="extension"/></zeroOrMore>
  </interleave></define>
  <define name="feed">
    <element name="feed">
      <ref name="common"/>
      <interleave>
        <ref name="metadata"/>
        <optional><element name="generator">
          <ref name="common"/>
          <optional><attribute name="uri"><ref name="uri"/></attribute></optional>
          <optional><attribute name="version"/></optional>
          <text/>
        </element></optional>
        <optional><element name="icon"><ref name="common"/><ref name="uri"/></element></optional>
        <optional><element name="logo"><ref name="common"/><ref name="uri"/></element></optional>
        <optional><element name="subtitle"><ref name="textConstruct"/></element></optional>
      </interleave>
      <zeroOrMore><ref name="entry"/></zeroOrMore>
    </element>
  </define>
  <define name="entry">
    <element name="entry">
      <ref name="common"/>
      <interleave>
        <ref name="metadata"/>
        <optional><ref name="content"/></optional>
        <optional>
          <element name="published"><ref name="common"/><ref name="date"/></element>
        </optional>
        <optional><element name="source"><ref name="anything"/></element></optional>
        <optional><element name="summary"><ref name="textConstruct"/></element></optional>
      </interleave>
    </element>
  </define>
</grammar>"""

# RFC 822 dates as RSS 2.0 writes them (a four-digit year allowed).
RFC822 = (
    r"((Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r" \d{4} \d\d:\d\d(:\d\d)? ([+\-]\d{4}|GMT|UT|[ECMP][SD]T)"
)

RSS_RNG = f"""<grammar xmlns="http://relaxng.org/ns/structure/1.0"
    datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start>
    <element name="rss">
      <attribute name="version"><value>2.0</value></attribute>
      <ref name="channel"/>
    </element>
  </start>
  {_ANYTHING}
  <define name="foreign">
    <element><anyName><except><nsName ns=""/></except></anyName><ref name="anything"/></element>
  </define>
  <define name="url"><data type="anyURI"><param name="pattern">https?://.+</param></data></define>
  <define name="date">
    <data type="string"><param name="pattern">{RFC822}</param></data>
  </define>
  <define name="category">
    <element name="category"><optional><attribute name="domain"/></optional><text/></element>
  </define>
  <define name="channel">
    <element name="channel">
      <interleave>
        <element name="title"><text/></element>
        <element name="link"><ref name="url"/></element>
        <element name="description"><text/></element>
        <optional><element name="language"><data type="language"/></element></optional>
        <optional><element name="copyright"><text/></element></optional>
        <optional><element name="managingEditor"><text/></element></optional>
        <optional><element name="webMaster"><text/></element></optional>
        <optional><element name="pubDate"><ref name="date"/></element></optional>
        <optional><element name="lastBuildDate"><ref name="date"/></element></optional>
        <zeroOrMore><ref name="category"/></zeroOrMore>
        <optional><element name="generator"><text/></element></optional>
        <optional><element name="docs"><ref name="url"/></element></optional>
        <optional><element name="ttl"><data type="nonNegativeInteger"/></element></optional>
        <zeroOrMore><ref name="item"/></zeroOrMore>
        <zeroOrMore><ref name="foreign"/></zeroOrMore>
      </interleave>
    </element>
  </define>
  <define name="item">
    <element name="item">
      <interleave>
        <optional><element name="title"><text/></element></optional>
        <optional><element name="link"><ref name="url"/></element></optional>
        <optional><element name="description"><text/></element></optional>
        <optional><element name="author"><text/></element></optional>
        <zeroOrMore><ref name="category"/></zeroOrMore>
        <optional><element name="comments"><ref name="url"/></element></optional>
        <optional><element name="enclosure">
          <attribute name="url"><ref name="url"/></attribute>
          <attribute name="length"><data type="nonNegativeInteger"/></attribute>
          <attribute name="type"/>
          <empty/>
        </element></optional>
        <optional><element name="guid">
          <optional><attribute name="isPermaLink">
            <choice><value>true</value><value>false</value></choice>
          </attribute></optional>
          <text/>
        </element></optional>
        <optional><element name="pubDate"><ref name="date"/></element></optional>
        <optional>
          <element name="source">
            <attribute name="url"><ref name="url"/></attribute><text/>
          </element>
        </optional>
        <zeroOrMore><ref name="foreign"/></zeroOrMore>
      </interleave>
    </element>
  </define>
</grammar>"""


def _strings(extra: dict | None = None) -> dict:
    return {"type": "string", **(extra or {})}


_IRI = _strings({"format": "iri"})
_EXTENSIONS = {"patternProperties": {"^_": {}}, "additionalProperties": False}
JSON_FEED_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": _strings(),
        "home_page_url": _IRI,
        "feed_url": _IRI,
        "description": _strings(),
        "user_comment": _strings(),
        "next_url": _IRI,
        "icon": _IRI,
        "favicon": _IRI,
        "authors": {"type": "array", "items": {"$ref": "#/$defs/author"}},
        "language": _strings(),
        "expired": {"type": "boolean"},
        "hubs": {"type": "array", "items": {"type": "object", "required": ["type", "url"]}},
        "items": {"type": "array", "items": {"$ref": "#/$defs/item"}},
    },
    **_EXTENSIONS,
    "$defs": {
        "author": {
            "type": "object",
            "minProperties": 1,
            "properties": {"name": _strings(), "url": _IRI, "avatar": _IRI},
            **_EXTENSIONS,
        },
        "item": {
            "type": "object",
            "required": ["id"],
            "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
            "properties": {
                "id": _strings(),
                "url": _IRI,
                "external_url": _IRI,
                "title": _strings(),
                "content_html": _strings(),
                "content_text": _strings(),
                "summary": _strings(),
                "image": _IRI,
                "banner_image": _IRI,
                "date_published": _strings({"format": "date-time"}),
                "date_modified": _strings({"format": "date-time"}),
                "authors": {"type": "array", "items": {"$ref": "#/$defs/author"}},
                "tags": {"type": "array", "items": _strings()},
                "language": _strings(),
                "attachments": {"type": "array", "items": {"type": "object"}},
            },
            **_EXTENSIONS,
        },
    },
}

_RSS = etree.RelaxNG(etree.fromstring(RSS_RNG.encode()))
_ATOM = etree.RelaxNG(etree.fromstring(ATOM_RNG.encode()))
_JSON = jsonschema_rs.validator_for(JSON_FEED_SCHEMA, validate_formats=True)


def valid(fmt: str, body: bytes) -> None:
    """The feed as a feed reader and a validator see it; fails with what is wrong.
    (feedparser 6 reads RSS and Atom, not JSON Feed: the JSON Schema is its check.)"""
    if fmt == "json":
        document = json.loads(body)
        errors = [e.message for e in _JSON.iter_errors(document)]
        assert not errors, errors[:5]
        ids = [item["id"] for item in document["items"]]
    else:
        parsed = feedparser.parse(body)
        assert not parsed.bozo, parsed.get("bozo_exception")
        tree = etree.fromstring(body)
        schema = _RSS if fmt == "rss" else _ATOM
        assert schema.validate(tree), schema.error_log.last_error
        if fmt == "rss":
            for item in tree.iter("item"):
                assert item.find("title") is not None or item.find("description") is not None
            ids = [g.text for g in tree.iter("guid")]
        else:
            feed_author = tree.find(f"{ATOM}author") is not None
            for entry in tree.iter(f"{ATOM}entry"):
                assert feed_author or entry.find(f"{ATOM}author") is not None
                alternates = [
                    (link.get("type"), link.get("hreflang"))
                    for link in entry.iter(f"{ATOM}link")
                    if link.get("rel", "alternate") == "alternate"
                ]
                assert alternates or entry.find(f"{ATOM}content") is not None
                assert len(alternates) == len(set(alternates))
            ids = [e.findtext(f"{ATOM}id") for e in tree.iter(f"{ATOM}entry")]
    assert len(ids) == len(set(ids)), "item ids repeat"


def get_feed(client: Client, path: str, fmt: str):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    assert response["Content-Type"] == TYPES[fmt]
    valid(fmt, response.content)
    return response


def entries(fmt: str, body: bytes) -> list[dict]:
    """Each item's fields as a reader takes them: title, our page, the original, outlet,
    published time, summary (plain text)."""
    if fmt == "json":
        return [
            {
                "title": i["title"],
                "link": i["url"],
                "original": i.get("external_url", ""),
                "outlet": i["authors"][0]["name"],
                "published": i["date_published"],
                "summary": i.get("summary", ""),
            }
            for i in json.loads(body)["items"]
        ]
    found = []
    for e in feedparser.parse(body).entries:
        links = {link.get("rel"): link["href"] for link in e.get("links", [])}
        original = links.get("via", "")
        summary = e.get("summary", "")
        if fmt == "rss":
            original = re.findall(r'href="([^"]+)"', summary)[-1] if 'href="' in summary else ""
            summary = _html_text(summary.split("<p><a")[0])
        found.append(
            {
                "title": e.title,
                "link": e.link,
                "original": original,
                "outlet": e.get("author", ""),
                "published": e.get("published", ""),
                "summary": summary,
            }
        )
    return found


def _html_text(html: str) -> str:
    class Text(HTMLParser):
        parts: list[str] = []

        def handle_data(self, data):
            self.parts.append(data)

    reader = Text()
    reader.parts = []
    reader.feed(html)
    reader.close()
    return "".join(reader.parts)


def titles(fmt: str, body: bytes) -> list[str]:
    return [e["title"] for e in entries(fmt, body)]


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


# --- hostile stored data -------------------------------------------------------------------

VECTORS = [CONTROL_IMAGE, CONTROL_IMAGE_ENTITY, BROKEN_MARKUP, '"><script>alert(1)</script>']
HOSTILE_OUTLET = '<img src=x onerror=alert("outlet")> Ledger'
SAMPLE = 48  # corpus vectors stored (titles and openings): an outlet feed shows 50 items


class _Markup(HTMLParser):
    """The elements and attributes a browser would build from an HTML field."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def _markup(html: str) -> list[tuple[str, list]]:
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser.tags


def _store_hostile(payloads: list[str]) -> list[Article]:
    source = outlet(HOSTILE_OUTLET)
    stored = []
    for n, payload in enumerate(payloads):
        when = timezone.now() - timedelta(minutes=n + 1)
        draft = Draft(
            title=payload[:900],
            text=payloads[(n + 1) % len(payloads)] + "\n\n" + own_text(1000 + n),
            url=f"https://ledger.example/hostile/{n}",
            published_at=when,
            fetched_at=when,
        )
        stored.append(Article.objects.get(pk=store(draft, source).article_id))
    return stored


def assert_inert(fmt: str, body: bytes, stored: list[Article]) -> None:
    """Text fields carry the stored text as text (a reader shows the characters, nothing
    runs); the one HTML field, RSS's description, builds no element but ours."""
    titles_wanted = {xml_text(a.title) or "Untitled" for a in stored} | {
        xml_text(a.story.headline) for a in stored if a.story_id
    }
    if fmt == "json":
        document = json.loads(body)
        for item in document["items"]:
            assert "content_html" not in item
            assert item["title"] in titles_wanted
            assert item["authors"][0]["name"] == HOSTILE_OUTLET
        return
    tree = etree.fromstring(body)
    if fmt == "atom":
        for entry in tree.iter(f"{ATOM}entry"):
            for field in ("title", "summary"):
                element = entry.find(f"{ATOM}{field}")
                if element is not None:
                    assert element.get("type", "text") == "text"
                    assert len(element) == 0  # no child elements
            assert entry.find(f"{ATOM}content") is None
            assert entry.findtext(f"{ATOM}title") in titles_wanted
            assert entry.findtext(f"{ATOM}author/{ATOM}name") == HOSTILE_OUTLET
        return
    for item in tree.iter("item"):
        assert item.findtext("title") in titles_wanted
        description = item.findtext("description")
        for tag, attrs in _markup(description):
            assert tag in {"p", "a"}, (tag, description)
            for name, value in attrs:
                assert name in {"href", "rel"}, (name, description)
                if name == "href":
                    assert value.startswith("https://ledger.example/hostile/"), value
        assert HOSTILE_OUTLET in _html_text(description)  # "Original at <the name>", as text


def _hostile_feeds(client, stored: list[Article]) -> None:
    slug = stored[0].source.slug
    for fmt in FORMATS:
        story = f"/feeds/s/{stored[0].story_id}.{fmt}"
        for path in (f"/feeds/o/{slug}.{fmt}", story, f"/feeds/top.{fmt}"):
            body = get_feed(client, path, fmt).content
            assert_inert(fmt, body, stored)
        listed = entries(fmt, get_feed(client, f"/feeds/o/{slug}.{fmt}", fmt).content)
        assert len(listed) == len(stored)


def test_hostile_titles_texts_and_names_come_out_as_text(client):
    stored = _store_hostile(VECTORS)
    _hostile_feeds(client, stored)
    # The texts' openings reach the summaries, as text.
    body = get_feed(client, f"/feeds/o/{stored[0].source.slug}.json", "json").content
    summaries = {i["content_text"] for i in json.loads(body)["items"]}
    assert any("<script>alert(1)</script>" in s for s in summaries)


@pytest.mark.shared
def test_the_hostile_corpus_stored_comes_out_of_the_feeds_inert(client):
    corpus = shared_path("data", "hostile", "xss_dev.jsonl")
    with corpus.open(encoding="utf-8") as lines:
        payloads = [json.loads(line)["payload"] for line in lines if line.strip()]
    step = max(1, len(payloads) // SAMPLE)
    stored = _store_hostile(payloads[::step][:SAMPLE])
    _hostile_feeds(client, stored)

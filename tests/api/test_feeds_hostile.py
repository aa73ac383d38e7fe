"""Hostile stored data through the feeds: titles, texts and outlet names that carry markup
come out as text, and the one HTML field builds no element but ours."""

from __future__ import annotations

import json
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone
from lxml import etree

from newsfold.api.feedwriter import text as xml_text
from newsfold.news.models import Article
from newsfold.news.store import store
from newsfold.pipeline.types import Draft
from newsfold.sources.outlets import outlet
from tests.api.feedformats import ATOM, FORMATS, entries, get_feed, html_text
from tests.community.conftest import own_text
from tests.conftest import shared_path
from tests.hardening.hostiledocs import BROKEN_MARKUP, CONTROL_IMAGE, CONTROL_IMAGE_ENTITY

pytestmark = pytest.mark.django_db


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
        assert HOSTILE_OUTLET in html_text(description)  # "Original at <the name>", as text


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

"""Pasting a page URL finds the feeds the page advertises."""

from pathlib import Path

from newsfold.pipeline.discover import discover_feeds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


def test_feed_links_found_absolute_in_page_order():
    page = (FIXTURES / "page.html").read_text(encoding="utf-8")
    assert discover_feeds(page, "https://thimble.example.org/blog/hemming") == [
        "https://thimble.example.org/blog/feed.xml",
        "https://thimble.example.org/atom.xml",
        "https://thimble.example.org/feed.json",
    ]


def test_relative_hrefs_resolve_against_the_page_without_base():
    page = '<link rel="Alternate feed" type="application/RSS+XML" href="../rss">'
    assert discover_feeds(page, "https://example.org/a/b/") == ["https://example.org/a/rss"]


def test_plain_json_alternate_counts_unless_it_is_an_api_endpoint():
    page = """<link rel="alternate" type="application/json" href="/feed.json">
    <link rel="alternate" type="application/json+oembed" href="/oembed?url=x">"""
    assert discover_feeds(page, "https://example.org/") == ["https://example.org/feed.json"]


def test_page_without_feeds():
    assert discover_feeds("<p>nothing to see</p>", "https://example.org/") == []

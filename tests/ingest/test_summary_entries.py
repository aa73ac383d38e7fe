"""An entry that carries only a summary gets its linked page fetched and extracted."""

import pytest

from newsfold.ingestion.feeds import fetch_feed
from newsfold.news.models import Article
from newsfold.sources.models import Feed
from newsfold.sources.outlets import outlet
from tests.conftest import Route
from tests.ingest.feedbuilder import article_text

pytestmark = pytest.mark.django_db


def _page(title: str, text: str) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title} | Harbour Ledger</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/sport'>Sport</a> <a href='/weather'>Weather</a></nav>"
        f"<main><article><h1>{title}</h1><p class='byline'>By Ada Quill</p>{paras}</article></main>"
        "<footer>Copyright Harbour Ledger. All rights reserved. Subscribe to our newsletter."
        "</footer></body></html>"
    ).encode()


def _summary_feed(link: str) -> bytes:
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Harbour Ledger</title>"
        "<link>https://ledger.example/</link><item><title>Ferries cancelled</title>"
        f"<link>{link}</link><guid>ferries-1</guid>"
        "<description>Gales stop the island ferries.</description></item></channel></rss>"
    ).encode()


def test_a_summary_only_entry_gets_its_page_text(local_server):
    text = article_text(7)
    local_server.routes["/story.html"] = Route(
        body=_page("Ferries cancelled", text), headers={"Content-Type": "text/html"}
    )
    local_server.routes["/feed.xml"] = Route(body=_summary_feed(local_server.url("/story.html")))
    feed = Feed.objects.create(url=local_server.url("/feed.xml"), source=outlet("Harbour Ledger"))
    fetch_feed(feed)
    article = Article.objects.get()
    assert "passengers waiting at the terminal" in article.text.lower()
    assert "Subscribe to our newsletter" not in article.text
    # A second fetch of the feed does not fetch the page again.
    fetch_feed(feed)
    assert len(local_server.hits("/story.html")) == 1


def test_pages_are_not_fetched_when_the_feed_says_so(local_server):
    local_server.routes["/story.html"] = Route(body=_page("Ferries cancelled", article_text(7)))
    local_server.routes["/feed.xml"] = Route(body=_summary_feed(local_server.url("/story.html")))
    feed = Feed.objects.create(
        url=local_server.url("/feed.xml"), source=outlet("Harbour Ledger"), fetch_pages=False
    )
    fetch_feed(feed)
    assert Article.objects.get().text == "Gales stop the island ferries."
    assert local_server.hits("/story.html") == []


def test_robots_txt_forbidding_the_page_keeps_the_summary(local_server):
    local_server.routes["/robots.txt"] = Route(body=b"User-agent: *\nDisallow: /story.html\n")
    local_server.routes["/story.html"] = Route(body=_page("Ferries cancelled", article_text(7)))
    local_server.routes["/feed.xml"] = Route(body=_summary_feed(local_server.url("/story.html")))
    feed = Feed.objects.create(url=local_server.url("/feed.xml"), source=outlet("Harbour Ledger"))
    fetch_feed(feed)
    assert Article.objects.get().text == "Gales stop the island ferries."
    assert local_server.hits("/story.html") == []

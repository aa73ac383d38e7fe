"""Links in a feed become absolute, so a click never lands on our own site."""

from pathlib import Path

from newsfold.pipeline.feeds import parse_feed

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


def test_relative_links_resolve_against_the_feed_url():
    content = (FIXTURES / "rss20.xml").read_bytes()
    feed = parse_feed(content, url="https://courier.example.com/feeds/main.xml")
    entry = feed.entries[0]
    assert feed.homepage == "https://courier.example.com/"
    assert entry.url == "https://courier.example.com/2024/05/fair"
    assert 'href="https://courier.example.com/photos/fair"' in entry.content_html


def test_xml_base_wins_over_the_feed_url():
    feed = parse_feed((FIXTURES / "atom10.xml").read_bytes(), url="https://mirror.example.net/x")
    (entry,) = feed.entries
    assert entry.url == "https://stargazer.example.com/blog/posts/comet"
    assert 'src="https://stargazer.example.com/blog/img/comet.png"' in entry.content_html


def test_json_feed_links_resolve_against_its_feed_url():
    feed = parse_feed((FIXTURES / "jsonfeed10.json").read_bytes(), url="https://cdn.example.com/f")
    assert feed.entries[0].url == "https://robots.example.org/posts/servo"


def test_script_links_are_not_kept_as_article_urls():
    content = b"""<rss version="2.0"><channel><title>T</title>
    <item><title>Trap</title><link>javascript:alert(1)</link></item></channel></rss>"""
    (entry,) = parse_feed(content, url="https://example.org/feed").entries
    assert entry.url is None

"""Titles are shown as plain text: no markup, no leftover entity codes."""

from pathlib import Path

from newsfold.pipeline.feeds import parse_feed

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


def test_double_escaped_rss_title_is_unescaped_and_stripped_of_tags():
    feed = parse_feed((FIXTURES / "rss20.xml").read_bytes())
    assert feed.entries[0].title == "Bakers & Brewers unite at the fair"


def test_html_feed_title_loses_its_markup():
    assert parse_feed((FIXTURES / "atom10.xml").read_bytes()).title == "Stargazer Log"


def test_numeric_entities_in_plain_titles_are_decoded():
    content = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
    <entry><title type="text">Rock &amp;#8211; and roll &amp;amp; more</title><id>urn:1</id>
    </entry></feed>"""
    assert parse_feed(content).entries[0].title == "Rock \u2013 and roll & more"


def test_plain_text_angle_brackets_survive():
    content = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
    <entry><title type="text">Why x &lt; y matters</title><id>urn:1</id></entry></feed>"""
    assert parse_feed(content).entries[0].title == "Why x < y matters"


def test_json_feed_title_entities_are_decoded():
    assert parse_feed((FIXTURES / "jsonfeed11.json").read_bytes()).title == "Tide Tables & Tales"

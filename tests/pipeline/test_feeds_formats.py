"""Each feed format a publisher may serve comes out as the same ParsedFeed shape."""

from datetime import UTC, datetime
from pathlib import Path

from newsfold.pipeline.feeds import parse_feed

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


def parse(name, **kwargs):
    return parse_feed((FIXTURES / name).read_bytes(), **kwargs)


def test_rss_091_with_netscape_doctype():
    feed = parse("rss091.xml")
    assert feed.kind == "rss"
    assert feed.title == "Harbour Town Gazette"
    assert [e.title for e in feed.entries] == [
        "Lighthouse repainted in record time",
        "Ferry timetable changes for winter",
    ]
    assert feed.entries[1].url == "https://gazette.example.org/2001/ferry"
    assert feed.entries[0].language == "en-gb"


def test_rss_10_rdf():
    feed = parse("rss10.rdf")
    assert feed.kind == "rss"
    (entry,) = feed.entries
    assert entry.title == "Grafting season begins"
    assert entry.author == "Mira Stellwagen"
    assert entry.tags == ["gardening"]
    assert entry.published_at == datetime(2023, 3, 14, 8, 30, tzinfo=UTC)
    assert entry.language == "de"


def test_rss_20_content_encoded_media_thumbnail_and_categories():
    feed = parse("rss20.xml", url="https://courier.example.com/feed.xml")
    first, second = feed.entries
    assert first.guid == "courier-fair-2024"
    assert first.summary_html == "A short teaser about loaves and barrels."
    assert "pale ale named after the river" in first.content_html
    assert first.image_url == "https://courier.example.com/img/fair-small.jpg"
    assert first.tags == ["Events", "Food"]
    assert first.author == "Tomas Wrenfield"
    assert second.image_url == "https://courier.example.com/img/bridge.jpg"
    assert second.summary_html == "<p>Detour via the mill road.</p>"


def test_atom_03():
    feed = parse("atom03.xml")
    assert feed.kind == "atom"
    (entry,) = feed.entries
    assert entry.title == "Les hérons sont revenus"
    assert entry.url == "https://marais.example.org/herons"
    assert entry.guid == "tag:marais.example.org,2005:herons"
    assert entry.author == "Odile Brunelle"  # inherited from the feed, as Atom says
    assert entry.published_at == datetime(2005, 6, 1, 12, 15, tzinfo=UTC)
    assert entry.language == "fr"


def test_atom_10_xhtml_content_and_category_labels():
    feed = parse("atom10.xml")
    assert feed.kind == "atom"
    (entry,) = feed.entries
    assert entry.content_html.startswith("<p>The tail pointed")
    assert "<div" not in entry.content_html
    assert entry.tags == ["Night sky", "comets"]
    # A text construct stays text: the ampersand is escaped, not dropped.
    assert entry.summary_html == "A faint tail, visible for an hour &amp; then gone."


def test_json_feed_10():
    feed = parse("jsonfeed10.json")
    assert feed.kind == "json"
    assert feed.title == "Pocket Robot Workshop"
    (entry,) = feed.entries
    assert entry.guid == "101"
    assert entry.url == "https://robots.example.org/posts/servo"
    assert entry.author == "Kasimir Blech"
    assert entry.content_html == "Turn it slowly. Then turn it &lt;back&gt;."
    assert entry.image_url == "https://robots.example.org/img/servo.jpg"
    assert entry.tags == ["servos", "howto"]


def test_json_feed_11_authors_language_and_external_url():
    feed = parse("jsonfeed11.json")
    first, second = feed.entries
    assert first.author == "Femke Zeewind, Joost Haring"
    assert first.language == "en"
    assert first.published_at == datetime(2020, 2, 29, 23, 30, tzinfo=UTC)
    assert second.language == "nl"
    assert second.url == "https://elsewhere.example.com/harbour"


def test_json_feed_detected_by_content_type_despite_leading_whitespace():
    content = b"\xef\xbb\xbf\n  " + (FIXTURES / "jsonfeed10.json").read_bytes()
    feed = parse_feed(content, headers={"Content-Type": "application/feed+json"})
    assert feed.kind == "json"
    assert len(feed.entries) == 1

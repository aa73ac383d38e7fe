"""Every published time comes out as an aware UTC datetime, whatever zone the feed used."""

from datetime import UTC, datetime

from newsfold.pipeline.feeds import parse_feed


def rss_item(date_element):
    return f"""<rss version="2.0"><channel><title>Clock</title><item><title>Tick</title>
    <link>https://clock.example.org/1</link>{date_element}</item></channel></rss>""".encode()


def test_rfc822_offset_is_converted_to_utc():
    feed = parse_feed(rss_item("<pubDate>Sun, 31 Dec 2023 23:30:00 -0500</pubDate>"))
    assert feed.entries[0].published_at == datetime(2024, 1, 1, 4, 30, tzinfo=UTC)


def test_named_zone_is_converted_to_utc():
    feed = parse_feed(rss_item("<pubDate>Tue, 04 Jun 2024 10:00:00 PDT</pubDate>"))
    assert feed.entries[0].published_at == datetime(2024, 6, 4, 17, 0, tzinfo=UTC)


def test_updated_stands_in_when_published_is_missing():
    content = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
    <entry><title>x</title><id>urn:x</id><updated>2019-07-01T00:15:00+02:00</updated></entry>
    </feed>"""
    assert parse_feed(content).entries[0].published_at == datetime(2019, 6, 30, 22, 15, tzinfo=UTC)


def test_published_wins_over_updated():
    content = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
    <entry><title>x</title><id>urn:x</id><published>2019-01-01T00:00:00Z</published>
    <updated>2019-07-01T00:00:00Z</updated></entry></feed>"""
    assert parse_feed(content).entries[0].published_at == datetime(2019, 1, 1, tzinfo=UTC)


def test_unreadable_date_leaves_the_time_empty():
    feed = parse_feed(rss_item("<pubDate>sometime last spring</pubDate>"))
    assert feed.entries[0].published_at is None


def test_json_feed_naive_date_is_taken_as_utc():
    content = b"""{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [
      {"id": "1", "date_published": "2022-05-05T05:05:05"},
      {"id": "2", "date_published": "2022-05-05T05:05:05+09:00"}]}"""
    first, second = parse_feed(content).entries
    assert first.published_at == datetime(2022, 5, 5, 5, 5, 5, tzinfo=UTC)
    assert second.published_at == datetime(2022, 5, 4, 20, 5, 5, tzinfo=UTC)

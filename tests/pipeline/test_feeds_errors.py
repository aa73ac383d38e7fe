"""Bad input gives a FeedError whose message a user can read on the feed's status."""

import gzip

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfold.pipeline.feeds import FeedError, parse_feed


@pytest.mark.parametrize("content", [b"", b"   \n\t", b"\xef\xbb\xbf"])
def test_empty_document(content):
    with pytest.raises(FeedError, match="empty document"):
        parse_feed(content)


def test_html_page_is_not_a_feed():
    page = b"<!DOCTYPE html><html><head><title>Shop</title></head><body><p>Hi</p></body></html>"
    with pytest.raises(FeedError) as caught:
        parse_feed(page, headers={"content-type": "text/html"})
    assert caught.value.message == "not a feed: looks like an HTML page"


def test_random_bytes_are_not_a_feed():
    with pytest.raises(FeedError, match="not a feed"):
        parse_feed(bytes(range(256)) * 4)


@pytest.mark.parametrize(
    "content",
    [b'{"name": "a config file"}', b"[1, 2, 3]", b'{"version": "2.0", "items": []}'],
)
def test_json_that_is_not_a_json_feed(content):
    with pytest.raises(FeedError, match="JSON that is not a JSON Feed"):
        parse_feed(content)


def test_invalid_json():
    with pytest.raises(FeedError, match="invalid JSON"):
        parse_feed(b'{"version": "https://jsonfeed.org/version/1", "items": [')


def test_other_xml_is_not_a_feed():
    with pytest.raises(FeedError, match=r"root <inventory>"):
        parse_feed(b"<?xml version='1.0'?><inventory><box>3</box></inventory>")


def test_a_lone_atom_entry_is_not_a_feed():
    content = b'<entry xmlns="http://www.w3.org/2005/Atom"><title>x</title><id>urn:1</id></entry>'
    with pytest.raises(FeedError, match="single Atom entry"):
        parse_feed(content)


def test_xml_broken_beyond_recovery():
    with pytest.raises(FeedError, match="malformed XML"):
        parse_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><')


def test_broken_xml_that_still_yields_entries_comes_with_a_warning():
    content = b"""<rss version="2.0"><channel><title>Sloppy</title>
    <item><title>First &nbsp; post</title><link>https://sloppy.example.org/1</link></item>
    <item><title>Second</title><link>https://sloppy.example.org/2</link></item>
    </channel></rss>"""
    feed = parse_feed(content)
    assert [e.url for e in feed.entries] == [
        "https://sloppy.example.org/1",
        "https://sloppy.example.org/2",
    ]
    assert feed.warning.startswith("malformed XML at line 2")
    assert "\n" not in feed.warning


def test_empty_but_valid_feed_is_not_an_error():
    feed = parse_feed(b"<rss version='2.0'><channel><title>Quiet</title></channel></rss>")
    assert feed.entries == []
    assert feed.warning is None


def test_gzip_bytes_are_read():
    content = gzip.compress(
        b"<rss version='2.0'><channel><title>Z</title><item><title>In"
        b"side</title></item></channel></rss>"
    )
    assert parse_feed(content).entries[0].title == "Inside"


def test_wrong_header_types_still_give_a_feed_error():
    with pytest.raises(FeedError):
        parse_feed(b"<rss/>", headers=[("content-type", "text/xml")])


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_no_other_exception_escapes_on_arbitrary_bytes(content):
    try:
        parse_feed(b"<rss version='2.0'><channel><item><title>" + content)
    except FeedError as error:
        assert error.message and "\n" not in error.message

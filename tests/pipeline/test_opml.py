"""Subscriptions move in and out of newsfold as OPML, folders and all."""

from pathlib import Path

import pytest

from newsfold.pipeline.opml import OPMLError, parse_opml, write_opml
from newsfold.pipeline.types import Outline

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


def test_nested_folders_become_paths():
    outlines = parse_opml((FIXTURES / "subscriptions.opml").read_bytes())
    assert [(o.title, o.folder) for o in outlines] == [
        ("Unfiled Daily", ""),
        ("Globe & Anchor", "News/World"),
        ("Local Ledger", "News"),
        ("Kite Club", "Hobbies"),
    ]
    globe = outlines[1]
    assert globe.xml_url == "https://globe.example.com/feed?lang=en&kind=all"
    assert globe.attrs == {"region": "Europe", "country": "NL", "language": "nl"}
    assert outlines[0].html_url == "https://daily.example.org/"


def test_round_trip_keeps_everything():
    outlines = parse_opml((FIXTURES / "subscriptions.opml").read_bytes())
    assert parse_opml(write_opml(outlines)) == outlines


def test_written_opml_escapes_hostile_values():
    tricky = Outline(
        xml_url='https://example.org/f?a=1&b="2"',
        title="<script>alert(1)</script> & friends\x01",
        folder="Q&A/<Deep>",
    )
    written = write_opml([tricky], title="Mine & yours")
    assert b"<script>" not in written
    (back,) = parse_opml(written)
    assert back.xml_url == tricky.xml_url
    assert back.title == "<script>alert(1)</script> & friends"
    assert back.folder == "Q&A/<Deep>"


def test_outlines_stay_hashable():
    assert len({Outline(xml_url="https://a.example/"), Outline(xml_url="https://a.example/")}) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"<opml><body><outline", "not valid XML"),
        (b"<rss version='2.0'><channel/></rss>", "root element is <rss>"),
        (b"<opml version='2.0'><head/></opml>", "no <body>"),
        (b"not xml at all", "not valid XML"),
    ],
)
def test_unreadable_files_give_a_clear_error(content, message):
    with pytest.raises(OPMLError, match=message):
        parse_opml(content)


def test_entity_expansion_is_refused():
    content = b"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<opml version="2.0"><body><outline text="&b;" xmlUrl="https://x.example/"/></body></opml>"""
    with pytest.raises(OPMLError, match="refused"):
        parse_opml(content)

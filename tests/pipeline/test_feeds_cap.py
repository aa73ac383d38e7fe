"""One feed document gives at most so many entries, the newest, and says how many it left."""

from newsfold.pipeline.feeds import parse_feed
from tests.ingest.feedbuilder import rss


def test_a_capped_document_keeps_its_newest_entries_in_document_order():
    # feedbuilder dates item n at n hours after its base: the highest numbers are newest.
    document = rss([3, 9, 1, 7, 5, 8, 2])
    parsed = parse_feed(document, max_entries=3)
    assert [e.title for e in parsed.entries] == [
        "Storm report 9",
        "Storm report 7",
        "Storm report 8",
    ]
    assert parsed.cut == 4


def test_undated_entries_count_as_older_and_the_first_listed_win():
    items = "".join(
        f"<item><title>Undated {n}</title><link>https://ex.example/{n}</link></item>"
        for n in range(5)
    )
    dated = (
        "<item><title>Dated</title><link>https://ex.example/d</link>"
        "<pubDate>Wed, 18 Nov 2026 08:00:00 GMT</pubDate></item>"
    )
    document = f'<rss version="2.0"><channel><title>T</title>{items}{dated}</channel></rss>'
    parsed = parse_feed(document.encode(), max_entries=3)
    assert [e.title for e in parsed.entries] == ["Undated 0", "Undated 1", "Dated"]
    assert parsed.cut == 3


def test_a_document_within_the_cap_is_whole():
    parsed = parse_feed(rss([1, 2, 3]), max_entries=3)
    assert len(parsed.entries) == 3 and parsed.cut == 0
    assert len(parse_feed(rss([1, 2, 3])).entries) == 3  # no cap given: everything

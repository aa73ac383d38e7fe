"""Page dumps shaped unlike the seeds still come apart into articles, chrome left behind.

The fixtures are fictional pages written for these tests (tests/fixtures/dumps/).
"""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsfold.pipeline.textpage import parse_dump

DUMPS = Path(__file__).resolve().parents[1] / "fixtures" / "dumps"
CAPTURED_AT = datetime(2025, 7, 17, 12, 0, tzinfo=UTC)


def _parse(name):
    return parse_dump((DUMPS / name).read_text(encoding="utf-8"), CAPTURED_AT)


def _paragraphs(article):
    return article.text.split("\n\n")


def _all_text(dump):
    return "\n\n".join(a.text for a in [dump.main, *dump.related])


def test_outlet_and_time_on_one_line_with_a_related_list_under_a_heading():
    dump = _parse("one_line_header.txt")
    assert dump.main.title == "Tidewater Ferry Line Returns After Winter Repairs"
    assert dump.main.outlet == "Harbour Gazette"
    assert dump.main.published_at == CAPTURED_AT - timedelta(hours=3)
    assert len(_paragraphs(dump.main)) == 3
    assert [(a.outlet, a.title) for a in dump.related] == [
        ("Lakeside Courier", "Island council asks for a second ferry before summer"),
        ("Tidewater Radio", "What the repair bill means for fares"),
    ]
    assert dump.related[1].published_at == CAPTURED_AT - timedelta(days=1)
    # A related article of several paragraphs keeps them all.
    assert len(_paragraphs(dump.related[0])) == 2


@pytest.mark.parametrize(
    "chrome",
    [
        "cookies",
        "Skip to content",
        "Menu",
        "Advertisement",
        "newsletter",
        "Share this article",
        "More on this story",
        "All rights reserved",
    ],
)
def test_banner_promo_share_heading_and_footer_are_dropped(chrome):
    dump = _parse("one_line_header.txt")
    assert chrome.lower() not in _all_text(dump).lower()


def test_page_without_related_articles_and_with_an_absolute_date():
    dump = _parse("absolute_date_no_related.txt")
    assert dump.related == []
    assert dump.main.title == "Orchard Valley Opens Its First Seed Library"
    assert dump.main.outlet == "Valley Tribune"
    assert dump.main.published_at == datetime(2025, 3, 14, tzinfo=UTC)
    paragraphs = _paragraphs(dump.main)
    # A subheading followed by text belongs to the article; so does the wire credit.
    assert "What the librarians hope for" in paragraphs
    assert paragraphs[-1] == "AFP"
    for chrome in ("Home", "Search", "Share", "Comments", "Be the first to comment."):
        assert chrome not in paragraphs


def test_teaser_only_related_items_become_short_articles():
    dump = _parse("teaser_related.txt")
    assert dump.main.outlet == "Northwind Post"
    assert dump.main.published_at == CAPTURED_AT - timedelta(minutes=45)
    assert len(_paragraphs(dump.main)) == 3
    assert [a.title for a in dump.related] == [
        "Tram depot restoration wins a heritage prize",
        "Food vans ask for longer hours on Fridays",
        "River car park to become a playground",
    ]
    assert [CAPTURED_AT - a.published_at for a in dump.related] == [
        timedelta(hours=2),
        timedelta(days=1),
        timedelta(days=3),
    ]
    for article in dump.related:
        assert len(_paragraphs(article)) == 1
        assert article.text.endswith(".")
    assert "You may also like" not in _all_text(dump)
    assert "Load more" not in _all_text(dump)


def test_arabic_page_is_read_and_kept_as_written():
    text = (DUMPS / "arabic.txt").read_text(encoding="utf-8")
    dump = parse_dump(text, CAPTURED_AT)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert dump.main.title == lines[0]
    assert dump.main.outlet == lines[1]
    assert dump.main.published_at == CAPTURED_AT - timedelta(hours=2)
    assert _paragraphs(dump.main) == lines[3:6]
    assert len(dump.related) == 2
    assert dump.related[1].published_at == CAPTURED_AT - timedelta(days=1)
    for article in dump.related:
        assert article.title in lines
        assert article.outlet in lines
        assert article.text in lines
    # The share button and the related list's heading (lines 6 and 7) are nobody's text.
    for chrome in lines[6:8]:
        assert chrome not in _all_text(dump)


def test_repeated_titles_glued_outlet_and_app_footer():
    dump = _parse("repeated_titles.txt")
    assert dump.main.title == "Glass Bridge Over Fennick Gorge Reopens"
    assert dump.main.outlet == "Upland Herald"
    assert dump.main.published_at == CAPTURED_AT - timedelta(days=2)
    assert _paragraphs(dump.main)[-1] == "Reuters"
    assert [(a.outlet, CAPTURED_AT - a.published_at) for a in dump.related] == [
        ("Moorland Times", timedelta(hours=3)),
        ("Upland Herald", timedelta(days=1)),
    ]
    text = _all_text(dump)
    for chrome in ("logo", "Blue background", "Comments", "GET THE APP", "app store"):
        assert chrome not in text
    # Promos spliced into a paragraph go; the sentences around them stay in one paragraph.
    assert "Sign up" not in text
    assert "Read More" not in text
    assert "weekend. Several owners" in dump.related[0].text
    assert "glass. The wardens" in dump.related[1].text


def test_dash_outlet_without_a_time_starts_an_article_but_a_list_item_does_not():
    text = "\n".join(
        [
            "Town Votes on Ferry Plan",
            "The council met on Monday to vote on the ferry plan after a long debate.",
            "- Lower fares for students",
            "The vote passed by seven to two.",
            "",
            "Lakeside Courier",
            "- Lakeside Courier",
            "Second ferry requested",
            "Councillors asked for a reserve vessel on Sunday.",
        ]
    )
    dump = parse_dump(text, CAPTURED_AT)
    assert "- Lower fares for students" in _paragraphs(dump.main)
    assert _paragraphs(dump.main)[-1] == "The vote passed by seven to two."
    assert [(a.outlet, a.title, a.published_at) for a in dump.related] == [
        ("Lakeside Courier", "Second ferry requested", None)
    ]

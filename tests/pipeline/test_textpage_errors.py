"""A file that holds no article is refused with one readable line, never half-read."""

import random
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfold.pipeline.textpage import DumpError, parse_dump

CAPTURED_AT = datetime(2025, 7, 17, 12, 0, tzinfo=UTC)

ONLY_CHROME = """logo
Home
Menu
Sign in
Subscribe
Comments
No comments yet...
Related Articles
DOWNLOAD THE APP
Ready to read more? Download our app from your app store and start exploring.
app-storeplay-store
"""


def _junk(size):
    rng = random.Random(7)
    return bytes(rng.randrange(256) for _ in range(size))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n\t\n",
        ONLY_CHROME,
        "Just a headline with nothing under it",
        "Harbour Gazette\n2 hours ago\n- Harbour Gazette\n",
        _junk(4000).decode("latin-1"),
        _junk(4000).decode("utf-8", errors="replace"),
        "A real sentence of an article follows.\x00\x00\x00\x01",
    ],
    ids=[
        "empty",
        "blank",
        "only-chrome",
        "title-only",
        "header-only",
        "binary-latin1",
        "binary-utf8",
        "nul-bytes",
    ],
)
def test_no_article_is_a_one_line_dump_error(text):
    with pytest.raises(DumpError) as raised:
        parse_dump(text, CAPTURED_AT)
    message = str(raised.value)
    assert message
    assert "\n" not in message
    assert isinstance(raised.value, ValueError)


def test_a_single_paragraph_is_enough_for_an_article():
    dump = parse_dump("The ferry sailed again on Monday after six weeks of repairs.", CAPTURED_AT)
    assert dump.main.text == "The ferry sailed again on Monday after six weeks of repairs."
    assert dump.main.title
    assert dump.related == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=120), max_size=30))
def test_any_text_gives_a_dump_or_a_dump_error(lines):
    try:
        dump = parse_dump("\n".join(lines), CAPTURED_AT)
    except DumpError:
        return
    assert dump.main.text
    for article in [dump.main, *dump.related]:
        assert article.published_at is None or article.published_at.tzinfo is not None

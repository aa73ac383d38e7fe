"""The two captures of the seed page come apart into the same main article and six others.

The seed files are third-party text: these tests read them at run time and check structure
only (counts, which lines of the file ended where), never their words.
"""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsfold.pipeline.paragraphs import LONG
from newsfold.pipeline.textpage import parse_dump

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
CAPTURED_AT = datetime(2025, 7, 17, 12, 0, tzinfo=UTC)
# Independent of the parser: "<prefix><n> <unit> ago", the prefix an outlet, an icon's alt
# text or nothing.
TIME_LINE = re.compile(r"^(?P<prefix>.*?)(?P<n>\d+) (?P<unit>minute|hour|day)s? ago$")
UNITS = {"minute": timedelta(minutes=1), "hour": timedelta(hours=1), "day": timedelta(days=1)}

pytestmark = pytest.mark.shared


def _seed(prefix):
    if not SEEDS.is_dir():
        pytest.skip("the shared seed pages are not beside the repository")
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed capture {prefix} is absent")
    return found[0].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def captures():
    texts = [_seed("000"), _seed("001")]
    return [(text, parse_dump(text, CAPTURED_AT)) for text in texts]


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def _header(lines, article):
    """(outlet, time) stated in the few lines above the article's first paragraph."""
    first = article.text.split("\n\n")[0][:80]
    body = next(i for i, line in enumerate(lines) if line.startswith(first))
    for i in range(body - 1, max(body - 6, 0), -1):
        match = TIME_LINE.match(lines[i])
        if match:
            prefix = match["prefix"].strip()
            outlet = prefix if prefix and prefix != "time" else lines[i - 1]
            return outlet, int(match["n"]) * UNITS[match["unit"]]
    return None, None


def _last_body_line(lines):
    return max(i for i, line in enumerate(lines) if len(line) > 200)


def test_each_capture_has_one_main_and_three_related(captures):
    for _, dump in captures:
        assert dump.main.title
        assert dump.main.text
        assert len(dump.related) == 3


def test_main_title_is_the_same_line_in_both_captures(captures):
    (text0, dump0), (text1, dump1) = captures
    assert dump0.main.title == dump1.main.title
    assert dump0.main.title in _lines(text0)
    assert dump1.main.title in _lines(text1)
    assert dump0.main.title not in dump0.main.text.split("\n\n")


def test_fuller_capture_has_the_lead_and_every_other_paragraph(captures):
    (text0, dump0), (_, dump1) = captures
    short = dump0.main.text.split("\n\n")
    full = dump1.main.text.split("\n\n")
    assert full[1:] == short
    assert full[0] not in short
    assert all(paragraph in _lines(text0) for paragraph in short)


def test_main_outlet_and_time_are_read_only_where_stated(captures):
    (_, dump0), (text1, dump1) = captures
    assert dump0.main.outlet is None
    assert dump0.main.published_at is None
    outlet, ago = _header(_lines(text1), dump1.main)
    assert outlet and dump1.main.outlet == outlet
    assert dump1.main.published_at == CAPTURED_AT - ago


def test_six_related_articles_with_their_own_title_outlet_and_time(captures):
    titles = set()
    for text, dump in captures:
        lines = _lines(text)
        for article in dump.related:
            titles.add(article.title)
            assert article.title in lines
            assert article.outlet
            assert any(line == article.outlet or line.startswith(article.outlet) for line in lines)
            outlet, ago = _header(lines, article)
            assert article.outlet == outlet
            assert article.published_at == CAPTURED_AT - ago
            assert article.published_at.tzinfo is not None
    assert len(titles) == 6


def test_related_text_is_its_one_line_in_readable_paragraphs(captures):
    for text, dump in captures:
        lines = _lines(text)
        for article in dump.related:
            paragraphs = article.text.split("\n\n")
            line = next(line for line in lines if line.startswith(paragraphs[0][:80]))
            # The line's words, in order, but for a newsletter promo spliced into it.
            assert line.startswith(paragraphs[0]) and line.endswith(paragraphs[-1])
            assert len(article.text.split()) >= 0.9 * len(line.split())
            assert max(len(p) for p in paragraphs) <= LONG
            assert len(line) <= LONG or len(paragraphs) > 1


def test_no_chrome_line_reaches_an_article(captures):
    for text, dump in captures:
        lines = _lines(text)
        articles = [dump.main, *dump.related]
        first_related = min(lines.index(a.title) for a in dump.related)
        first_related = min(first_related, lines.index(dump.related[0].outlet))
        # The main body ends at its last long line; the line after it is the credit.
        main_end = max(i for i in range(first_related) if len(lines[i]) > 100) + 2
        chrome = lines[main_end:first_related] + lines[_last_body_line(lines) + 1 :]
        chrome += lines[: lines.index(dump.main.title)]
        assert len(chrome) >= 5
        for line in chrome:
            for article in articles:
                assert line not in article.text.split("\n\n")
                assert len(line) < 12 or line not in article.text


def test_credit_line_is_kept_as_the_last_paragraph(captures):
    for text, dump in captures:
        lines = _lines(text)
        *body, credit = dump.main.text.split("\n\n")
        assert lines[lines.index(body[-1]) + 1] == credit
        assert len(credit.split()) <= 3


def test_promos_spliced_into_related_text_are_cut_out(captures):
    promo = re.compile(r"read more\s*»|\bsign up\b", re.IGNORECASE)
    spliced = 0
    for text, dump in captures:
        spliced += len(promo.findall(text))
        for article in [dump.main, *dump.related]:
            assert not promo.search(article.text)
    assert spliced, "the seeds no longer carry promos; this test checks nothing"

"""Golden pages: our own fictional news pages beside the text a reader should get."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsfold.pipeline.extract import extract, extract_text

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
URLS = {
    "harbour_ferry": "https://ledger.example/news/2024/05/14/night-ferry-returns?utm=feed",
    "orchard_festival": "https://valleynotes.example/2023/09/30/apple-harvest/",
}
# Words that only appear in the chrome around each article.
CHROME = {
    "harbour_ferry": [
        "cookies", "Subscribe today", "Share on", "Email this story", "Related stories",
        "Harbour car park", "seagull77", "concerts", "Post comment", "All rights reserved",
        "Privacy policy", "Tags:",
    ],
    "orchard_festival": [
        "Sign in", "newsletter", "Most read", "Goat escapes", "Tractor tyres", "Share this",
        "Tweet", "Previous post", "Village shop", "cookies", "volunteers", "trackScroll",
    ],
}  # fmt: skip


def _page(name: str) -> bytes:
    return (PAGES / f"{name}.html").read_bytes()


@pytest.mark.parametrize("name", sorted(URLS))
def test_text_matches_golden_file(name):
    expected = (PAGES / f"{name}.expected.txt").read_text(encoding="utf-8").strip()
    assert extract(_page(name), URLS[name]).text == expected


@pytest.mark.parametrize("name", sorted(URLS))
def test_page_chrome_is_left_out(name):
    result = extract(_page(name), URLS[name])
    for phrase in CHROME[name]:
        assert phrase not in result.text, phrase
        assert phrase not in result.html, phrase


@pytest.mark.parametrize("name", sorted(URLS))
def test_headline_is_not_repeated_in_the_body(name):
    result = extract(_page(name), URLS[name])
    assert result.title
    assert not result.text.startswith(result.title)


@pytest.mark.parametrize("name", sorted(URLS))
def test_extract_text_is_the_stored_text(name):
    html = _page(name).decode("utf-8")
    assert extract_text(html, URLS[name]) == extract(html, URLS[name]).text


def test_news_page_metadata():
    result = extract(_page("harbour_ferry"), URLS["harbour_ferry"])
    assert result.title == "Night ferry to return to Lindqvist Bay after twelve years"
    assert result.author == "Marta Okonkwo"
    # 07:45 in UTC+2, as the page's <time> and article:published_time say
    assert result.published_at == datetime(2024, 5, 14, 5, 45, tzinfo=UTC)
    assert result.image_url == "https://ledger.example/media/ferry-at-dusk.jpg"
    assert result.site_name == "The Coastal Ledger"
    assert result.language == "en"
    assert result.url == "https://ledger.example/news/2024/05/14/night-ferry-returns"
    assert result.tags == ["Transport", "Lindqvist Bay"]


def test_blog_page_takes_its_date_from_the_url():
    result = extract(_page("orchard_festival"), URLS["orchard_festival"])
    assert result.title == "Apple growers count the cost of a dry summer"
    assert result.published_at == datetime(2023, 9, 30, tzinfo=UTC)
    assert result.language == "en"
    assert result.url is None  # no canonical link: the fetched URL stands

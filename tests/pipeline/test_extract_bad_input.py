"""Whatever arrives from a fetch, extraction answers with an Extracted, never an exception."""

import pytest

from newsfold.pipeline.extract import extract, extract_text

NOT_ARTICLES = [
    "",
    b"",
    "   \n\t ",
    "just some words, no markup at all",
    '{"kind": "json", "items": [1, 2, 3]}',
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
    "<html><head><title>Nothing here</title></head><body></body></html>",
    "<<<>>><</</<!--",
    "<html><body><p>" + "\x00" * 50 + "</p></body></html>",
    "<div>" * 3000 + "deep" + "</div>" * 3000,
]


@pytest.mark.parametrize("page", NOT_ARTICLES)
def test_no_article_gives_empty_text(page):
    result = extract(page, "https://example.org/x")
    assert result.text == ""
    assert result.html == ""
    assert extract_text(page, "https://example.org/x") == ""


def test_title_survives_when_there_is_no_article():
    page = "<html><head><title>Opening hours</title></head><body><p>Closed.</p></body></html>"
    assert extract(page).title == "Opening hours"


def test_latin1_bytes_are_decoded():
    paragraph = "Le café du port a rouvert ses portes après de longs travaux. " * 12
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Café</title></head><body><article>'
        f"<p>{paragraph}</p><p>{paragraph}</p></article></body></html>"
    ).encode("iso-8859-1")
    assert "Le café du port" in extract(page).text

"""The charset a server sends in Content-Type decides how the bytes are read."""

from pathlib import Path

from newsfold.pipeline.feeds import parse_feed

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"

CYRILLIC = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Вечерний листок</title>
<item><title>Самовар починили</title><link>https://listok.example.org/1</link></item>
</channel></rss>"""


def test_windows_1252_feed_read_with_the_header_charset():
    content = (FIXTURES / "rss20-windows1252.xml").read_bytes()
    feed = parse_feed(
        content, headers={"Content-Type": "application/rss+xml; charset=windows-1252"}
    )
    assert feed.title == "Café Zwölf \u2013 Kaffeeklatsch"
    assert feed.entries[0].title == "Käsekuchen „Spezial“ ist zurück"
    assert feed.warning is None


def test_header_charset_beats_guessing():
    content = CYRILLIC.encode("koi8-r")
    with_header = parse_feed(content, headers={"content-type": "text/xml; charset=koi8-r"})
    assert with_header.entries[0].title == "Самовар починили"
    guessed = parse_feed(content)
    assert guessed.entries[0].title != "Самовар починили"
    assert guessed.warning  # the user is told the text may be garbled


def test_text_xml_without_charset_is_not_flagged():
    content = CYRILLIC.replace('<?xml version="1.0"?>', "").encode("utf-8")
    feed = parse_feed(
        content, url="https://listok.example.org/rss", headers={"Content-Type": "text/xml"}
    )
    assert feed.entries[0].title == "Самовар починили"
    assert feed.warning is None

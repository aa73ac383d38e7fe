"""A publisher's requested polling interval is passed on in seconds."""

import pytest

from newsfold.pipeline.feeds import parse_feed


def rss(extra):
    return f"""<rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
    <channel><title>P</title>{extra}<item><title>i</title></item></channel></rss>""".encode()


@pytest.mark.parametrize(
    ("extra", "seconds"),
    [
        ("<ttl>45</ttl>", 2700),
        ("<sy:updatePeriod>hourly</sy:updatePeriod>", 3600),
        (
            "<sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>",
            43200,
        ),
        ("<sy:updatePeriod> Weekly </sy:updatePeriod>", 604800),
        ("<ttl>30</ttl><sy:updatePeriod>hourly</sy:updatePeriod>", 3600),
        ("", None),
        ("<ttl>soon</ttl>", None),
        ("<ttl>-5</ttl>", None),
        ("<sy:updatePeriod>fortnightly</sy:updatePeriod>", None),
    ],
)
def test_poll_hint(extra, seconds):
    assert parse_feed(rss(extra)).poll_hint == seconds

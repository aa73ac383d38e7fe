"""URLs we will not read are refused with a readable reason, before any lookup."""

import pytest
from fetchserver import test_policy

from newsfold.pipeline.fetch import InvalidURL, fetch


def no_lookup(host, port):
    raise AssertionError(f"an invalid URL must not be resolved: {host}")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://feeds.example.com/rss.xml",
        "gopher://127.0.0.1:6379/_INFO",
        "javascript:alert(1)",
        "feed://example.com/rss",
        "//example.com/feed.xml",
        "example.com/feed.xml",
        "",
        "http://",
        "http://feeds.example.com@internal.example/feed",
        "http://user:secret@example.com/feed",
        "http://exa\tmple.com/",
        "http://example.com/\r\nX-Injected: 1",
        "http://example.com\\@internal.example/",
        "http://exa mple.com/",
        "http://127%2E0%2E0%2E1/",
        "http://[fe80::1%25eth0]/",
        "http://example.com:0/",
        "http://example.com:99999/",
        "http://-bad-.example.com/",
    ],
)
def test_unfetchable_urls_raise_invalid_url(url):
    with pytest.raises(InvalidURL) as caught:
        fetch(url, test_policy(), resolver=no_lookup)

    assert caught.value.message
    assert "\n" not in caught.value.message

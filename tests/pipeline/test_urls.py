"""The one URL rule: http(s) only, no credentials, read the way a browser reads it."""

import pytest

from newsfold.pipeline.urls import MAX_URL, feed_url_problem, shown_url, web_url


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(document.domain)",
        "JaVaScRiPt:alert(1)",
        " \x0e  javascript:alert('XSS');",
        "\u00a0javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://files.example/a",
        "http://",
        "https://host.example:notaport/",
        "//no-scheme.example/x",
        "",
        None,
        42,
    ],
)
def test_anything_but_an_absolute_web_address_is_no_url(value):
    assert web_url(value) is None


def test_credentials_are_removed_and_the_rest_kept_as_written():
    url = "https://reader:s3cret@Feeds.Example.org:8443/a/b?x=1#top"
    assert web_url(url) == "https://Feeds.Example.org:8443/a/b?x=1#top"
    assert web_url("http://user@host.example/") == "http://host.example/"


def test_relative_links_resolve_against_the_page_and_stay_web_only():
    base = "https://ledger.example/news/today"
    assert web_url("../img/a.png", base) == "https://ledger.example/img/a.png"
    assert web_url("  /x  ", base) == "https://ledger.example/x"
    assert web_url("javascript:alert(1)", base) is None


def test_a_url_longer_than_a_row_holds_is_no_url():
    assert web_url("https://long.example/" + "a" * MAX_URL) is None


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("javascript:alert(1)", "not an http(s) URL"),
        ("file:///etc/passwd", "not an http(s) URL"),
        ("https://user:secret@feeds.example/rss", "user name or password"),
        ("https://token@feeds.example/rss", "user name or password"),
        ("https:///rss", "not a valid http(s) URL"),
    ],
)
def test_a_feed_url_is_refused_with_a_reason(url, says):
    assert says in feed_url_problem(url)


def test_a_plain_feed_url_is_accepted():
    assert feed_url_problem("https://feeds.example/rss?lang=en") is None


def test_a_url_shown_as_text_hides_credentials_and_query_tokens():
    assert shown_url("https://u:p@feeds.example/rss?token=abc") == "https://feeds.example/rss?…"
    assert shown_url("https://feeds.example/rss") == "https://feeds.example/rss"
    assert shown_url("javascript:alert(1)") == ""

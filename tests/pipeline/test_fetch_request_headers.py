"""What our request looks like to a publisher's server, and what the result carries back."""

import pytest
from fetchserver import FetchServer, reply, test_policy

from newsfold.pipeline.fetch import fetch

POLICY = test_policy()


@pytest.fixture
def server():
    with FetchServer() as s:
        yield s


def test_the_policy_user_agent_reaches_the_server(server):
    server.routes["/feed.xml"] = lambda h: reply(h, body=b"<rss/>")

    fetch(server.url("/feed.xml"), POLICY, accept="application/rss+xml")

    [headers] = server.hits("/feed.xml")
    assert headers["user-agent"] == POLICY.user_agent
    assert headers["accept"] == "application/rss+xml"


def test_the_host_header_names_the_host_of_the_url_not_a_bare_address(server):
    server.routes["/feed.xml"] = lambda h: reply(h, body=b"<rss/>")
    named = server.url("/feed.xml").replace("127.0.0.1", "feeds.harbour.test")

    result = fetch(named, POLICY, resolver=lambda host, port: ["127.0.0.1"])

    [headers] = server.hits("/feed.xml")
    assert headers["host"] == f"feeds.harbour.test:{server.port}"
    assert result.url == named


def test_the_result_has_the_body_status_and_lower_cased_headers(server):
    server.routes["/feed.xml"] = lambda h: reply(
        h, body=b"<rss>ok</rss>", headers={"Content-Type": "application/rss+xml; charset=utf-8"}
    )

    result = fetch(server.url("/feed.xml#top"), POLICY)

    assert result.status == 200
    assert result.content == b"<rss>ok</rss>"
    assert result.content_type == "application/rss+xml"
    assert result.headers["content-type"].startswith("application/rss+xml")
    assert result.url == server.url("/feed.xml")
    assert result.fetched_at.tzinfo is not None

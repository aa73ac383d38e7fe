"""robots.txt is obeyed when asked, fetched once per site, and its absence allows all."""

import socket

import pytest
from fetchserver import FetchServer, reply, test_policy

from newsfold.pipeline import robots
from newsfold.pipeline.fetch import RobotsDisallowed, fetch

POLICY = test_policy()  # user agent "newsfold-test/1.0 (...)"
RULES = b"User-agent: newsfold-test\nDisallow: /private/\n\nUser-agent: *\nDisallow: /\n"


@pytest.fixture
def server():
    with FetchServer() as s:
        yield s


def test_a_page_robots_txt_forbids_is_refused_without_being_requested(server):
    server.routes["/robots.txt"] = lambda h: reply(h, body=RULES)
    server.routes["/private/feed.xml"] = lambda h: reply(h, body=b"<rss/>")

    with pytest.raises(RobotsDisallowed) as caught:
        fetch(server.url("/private/feed.xml"), POLICY, check_robots=True)

    assert server.hits("/private/feed.xml") == []
    assert "robots.txt" in caught.value.message


def test_a_page_robots_txt_allows_is_fetched_and_robots_txt_is_read_once(server):
    server.routes["/robots.txt"] = lambda h: reply(h, body=RULES)
    server.routes["/news/feed.xml"] = lambda h: reply(h, body=b"<rss/>")

    for _ in range(3):
        assert fetch(server.url("/news/feed.xml"), POLICY, check_robots=True).content == b"<rss/>"

    assert len(server.hits("/robots.txt")) == 1
    assert server.hits("/robots.txt")[0]["user-agent"] == POLICY.user_agent


def test_robots_txt_is_ignored_unless_asked_for(server):
    server.routes["/robots.txt"] = lambda h: reply(h, body=RULES)
    server.routes["/private/feed.xml"] = lambda h: reply(h, body=b"<rss/>")

    assert fetch(server.url("/private/feed.xml"), POLICY).status == 200
    assert fetch(
        server.url("/private/feed.xml"), test_policy(respect_robots=False), check_robots=True
    )
    assert server.hits("/robots.txt") == []


@pytest.mark.parametrize("status", [404, 403, 500, 503])
def test_a_missing_or_failing_robots_txt_allows_the_page(server, status):
    server.routes["/robots.txt"] = lambda h: reply(h, status, b"Disallow: /")
    server.routes["/feed.xml"] = lambda h: reply(h, body=b"<rss/>")

    assert fetch(server.url("/feed.xml"), POLICY, check_robots=True).content == b"<rss/>"


def test_an_unreachable_robots_txt_allows_and_is_retried_only_after_a_while(server):
    url = server.url("/feed.xml")
    server.close()  # nothing listens on this port any more

    def broken(robots_url, policy):
        return fetch(robots_url, policy)

    assert robots.allowed(url, POLICY, broken)
    calls = []
    assert robots.allowed(url, POLICY, lambda u, p: calls.append(u))
    assert calls == []  # the failure is cached, not refetched on every page


def test_robots_txt_is_fetched_through_the_guard(server):
    trap = socket.socket()
    trap.bind(("127.0.0.2", 0))
    trap.listen()
    trap.setblocking(False)
    port = trap.getsockname()[1]
    server.routes["/robots.txt"] = lambda h: reply(
        h, 302, headers={"Location": f"http://127.0.0.2:{port}/robots.txt"}
    )
    server.routes["/feed.xml"] = lambda h: reply(h, body=b"<rss/>")

    result = fetch(server.url("/feed.xml"), POLICY, check_robots=True)

    assert result.content == b"<rss/>"  # a refused robots.txt is no robots.txt
    with pytest.raises(BlockingIOError):
        trap.accept()  # and nothing connected to the refused address
    trap.close()


WILDCARDS = b"User-agent: *\nDisallow: /*.pdf$\nDisallow: /private\nAllow: /private/public\n"


@pytest.mark.parametrize(
    ("path", "fetched"),
    [
        ("/reports/a.pdf", False),  # "*" and "$" as RFC 9309 reads them
        ("/reports/a.pdf.html", True),
        ("/private/feed.xml", False),
        ("/private/public/feed.xml", True),  # the longest matching rule wins
    ],
)
def test_robots_txt_rules_are_matched_as_rfc_9309_says(server, path, fetched):
    robots._cache.clear()
    server.routes["/robots.txt"] = lambda h: reply(h, body=WILDCARDS)
    server.routes[path] = lambda h: reply(h, body=b"<rss/>")
    if fetched:
        assert fetch(server.url(path), POLICY, check_robots=True).content == b"<rss/>"
    else:
        with pytest.raises(RobotsDisallowed):
            fetch(server.url(path), POLICY, check_robots=True)
        assert server.hits(path) == []

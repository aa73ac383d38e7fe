"""DNS is asked once per hop and the connection goes to the very address that was checked.

A rebinding name answers a harmless address to the check and a private one to the
connection; with one lookup there is no second answer to exploit.
"""

import socket

import pytest
from fetchserver import FetchServer, reply, test_policy

from newsfold.pipeline.fetch import fetch


@pytest.fixture
def server():
    with FetchServer() as s:
        yield s


def test_the_name_is_resolved_once_and_the_checked_address_is_used(server):
    trap = socket.socket()
    trap.bind(("127.0.0.2", server.port))
    trap.listen()
    trap.setblocking(False)
    answers = iter([["127.0.0.1"], ["127.0.0.2"], ["127.0.0.2"]])
    asked = []

    def rebinding(host, port):
        asked.append(host)
        return next(answers)

    server.routes["/feed.xml"] = lambda h: reply(h, body=b"<rss/>")
    try:
        result = fetch(
            f"http://rebind.feeds.test:{server.port}/feed.xml", test_policy(), resolver=rebinding
        )
        assert result.content == b"<rss/>"
        assert asked == ["rebind.feeds.test"]
        with pytest.raises(BlockingIOError):
            trap.accept()
    finally:
        trap.close()


def test_each_redirect_hop_is_resolved_and_checked_again(server):
    names = {"a.feeds.test": ["127.0.0.1"], "b.feeds.test": ["127.0.0.1"]}
    asked = []

    def resolve(host, port):
        asked.append(host)
        return names[host]

    server.routes["/a"] = lambda h: reply(
        h, 301, headers={"Location": f"http://b.feeds.test:{server.port}/b"}
    )
    server.routes["/b"] = lambda h: reply(h, body=b"<rss/>")

    result = fetch(f"http://a.feeds.test:{server.port}/a", test_policy(), resolver=resolve)

    assert result.url == f"http://b.feeds.test:{server.port}/b"
    assert asked == ["a.feeds.test", "b.feeds.test"]
    assert server.hits("/b")[0]["host"] == f"b.feeds.test:{server.port}"

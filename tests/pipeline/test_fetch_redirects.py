"""Redirects are followed hop by hop, and every hop meets the SSRF guard before connecting."""

import socket

import pytest
from fetchserver import FetchServer, reply, test_policy

from newsfold.pipeline.fetch import BlockedAddress, TooManyRedirects, fetch

POLICY = test_policy()  # only 127.0.0.1 is allowed; 127.0.0.2 and ::1 are loopback, refused


@pytest.fixture
def server():
    with FetchServer() as s:
        yield s


@pytest.fixture
def trap():
    """Listening sockets on loopback addresses the policy refuses: nothing may connect."""
    sockets = []

    def listen(family: int, host: str) -> int:
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.bind((host, 0))
        sock.listen()
        sock.setblocking(False)
        sockets.append(sock)
        return sock.getsockname()[1]

    yield listen
    for sock in sockets:
        with pytest.raises(BlockingIOError):
            sock.accept()  # a connection made to the trap would be waiting here
        sock.close()


def redirect_to(location: str, status: int = 302):
    return lambda h: reply(h, status, headers={"Location": location})


def test_a_redirect_to_another_loopback_address_is_refused_before_connecting(server, trap):
    port = trap(socket.AF_INET, "127.0.0.2")
    server.routes["/feed.xml"] = redirect_to(f"http://127.0.0.2:{port}/admin")

    with pytest.raises(BlockedAddress) as caught:
        fetch(server.url("/feed.xml"), POLICY)

    assert "127.0.0.2" in caught.value.message


def test_a_redirect_to_ipv6_loopback_is_refused(server, trap):
    port = trap(socket.AF_INET6, "::1")
    server.routes["/feed.xml"] = redirect_to(f"http://[::1]:{port}/", status=301)

    with pytest.raises(BlockedAddress):
        fetch(server.url("/feed.xml"), POLICY)


def test_a_redirect_to_a_name_that_resolves_to_loopback_is_refused(server, trap):
    port = trap(socket.AF_INET, "127.0.0.2")
    server.routes["/feed.xml"] = redirect_to(f"http://localhost.localdomain:{port}/", 307)
    names = {"localhost.localdomain": ["127.0.0.2"]}

    with pytest.raises(BlockedAddress) as caught:
        fetch(server.url("/feed.xml"), POLICY, resolver=lambda host, port: names[host])

    assert "localhost.localdomain" in caught.value.message


def test_five_redirects_are_followed_to_the_final_url(server):
    for hop in range(5):
        server.routes[f"/r{hop}"] = redirect_to(f"/r{hop + 1}", 308 if hop % 2 else 301)
    server.routes["/r5"] = lambda h: reply(h, body=b"<rss/>")

    result = fetch(server.url("/r0"), POLICY)

    assert result.url == server.url("/r5")
    assert result.content == b"<rss/>"


def test_six_redirects_are_too_many(server):
    for hop in range(6):
        server.routes[f"/r{hop}"] = redirect_to(server.url(f"/r{hop + 1}"))
    server.routes["/r6"] = lambda h: reply(h, body=b"<rss/>")

    with pytest.raises(TooManyRedirects):
        fetch(server.url("/r0"), POLICY)

    assert server.hits("/r6") == []


def test_the_redirect_limit_comes_from_the_policy(server):
    server.routes["/r0"] = redirect_to("/r1")
    server.routes["/r1"] = lambda h: reply(h, body=b"ok")

    with pytest.raises(TooManyRedirects):
        fetch(server.url("/r0"), test_policy(max_redirects=0))

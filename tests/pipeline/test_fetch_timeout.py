"""A server that does not answer in time costs one short wait, not a stuck worker."""

import socket

import pytest
from fetchserver import FetchServer, reply, test_policy

from newsfold.pipeline.fetch import FetchTimeout, fetch


@pytest.fixture
def server():
    with FetchServer() as s:
        yield s


def test_a_server_slower_than_the_read_timeout_gives_fetch_timeout(server):
    def answer(h):
        server.released.wait(10)
        reply(h, body=b"too late")

    server.routes["/slow"] = answer

    with pytest.raises(FetchTimeout) as caught:
        fetch(server.url("/slow"), test_policy(read_timeout=0.3))

    assert "127.0.0.1" in caught.value.message


def test_a_server_that_stalls_mid_body_gives_fetch_timeout(server):
    def answer(h):
        h.send_response(200)
        h.send_header("Content-Length", "1000")
        h.end_headers()
        h.wfile.write(b"<rss>")
        h.wfile.flush()
        server.released.wait(10)

    server.routes["/stall"] = answer

    with pytest.raises(FetchTimeout):
        fetch(server.url("/stall"), test_policy(read_timeout=0.3))


def test_a_listener_that_never_accepts_gives_fetch_timeout():
    # A full accept queue makes further connects hang like a black-holed host.
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(0)
    port = sock.getsockname()[1]
    fillers = []
    try:
        for _ in range(8):
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            fillers.append(filler)
        with pytest.raises(FetchTimeout):
            fetch(f"http://127.0.0.1:{port}/", test_policy(connect_timeout=0.3, read_timeout=0.3))
    finally:
        for filler in fillers:
            filler.close()
        sock.close()

"""Bodies above the cap are refused as they stream, counted after decompression.

The oversized routes send more than the cap and then stall without closing: a fetcher that
read to the end before counting would hit its read time-out instead of TooLarge.
"""

import gzip
import zlib

import pytest
from fetchserver import FetchServer, reply, test_policy

from newsfold.pipeline.fetch import TooLarge, fetch

MB = 1024 * 1024
POLICY = test_policy()  # the default 10 MB cap


@pytest.fixture
def server():
    with FetchServer() as s:
        yield s


def stream_then_stall(server, chunks, headers=()):
    def answer(h):
        h.send_response(200)
        for name, value in headers:
            h.send_header(name, value)
        h.end_headers()  # no Content-Length: the body runs until the connection closes
        for chunk in chunks():
            h.wfile.write(chunk)
        h.wfile.flush()
        server.released.wait(10)

    return answer


def test_a_20_mb_body_is_refused_while_it_streams(server):
    def twenty_mb():
        for _ in range(20):
            yield b"x" * MB

    server.routes["/big"] = stream_then_stall(server, twenty_mb)

    with pytest.raises(TooLarge) as caught:
        fetch(server.url("/big"), POLICY)

    assert "10 MB" in caught.value.message


def test_a_declared_length_above_the_cap_is_refused_before_reading(server):
    def answer(h):
        h.send_response(200)
        h.send_header("Content-Length", str(20 * MB))
        h.end_headers()
        h.wfile.write(b"x" * 1024)
        h.wfile.flush()
        server.released.wait(10)

    server.routes["/big"] = answer

    with pytest.raises(TooLarge):
        fetch(server.url("/big"), POLICY)


def test_a_gzip_bomb_is_refused_by_its_inflated_size(server):
    bomb = gzip.compress(b"\0" * 20 * MB, compresslevel=9)
    assert len(bomb) < 100 * 1024
    server.routes["/bomb"] = stream_then_stall(
        server, lambda: [bomb], headers=[("Content-Encoding", "gzip")]
    )

    with pytest.raises(TooLarge):
        fetch(server.url("/bomb"), POLICY)


def test_a_small_gzip_bomb_with_an_honest_length_is_refused_too(server):
    bomb = gzip.compress(b"\0" * 11 * MB)
    server.routes["/bomb"] = lambda h: reply(h, body=bomb, headers={"Content-Encoding": "gzip"})

    with pytest.raises(TooLarge):
        fetch(server.url("/bomb"), POLICY)


def test_a_body_of_exactly_the_cap_is_kept_and_one_byte_more_is_not(server):
    server.routes["/exact"] = lambda h: reply(h, body=b"a" * 1000)
    server.routes["/over"] = lambda h: reply(h, body=b"a" * 1001)

    assert len(fetch(server.url("/exact"), test_policy(max_bytes=1000)).content) == 1000
    with pytest.raises(TooLarge):
        fetch(server.url("/over"), test_policy(max_bytes=1000))


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data, wbits=-15)),  # raw deflate, seen in the wild
    ],
)
def test_compressed_feeds_arrive_decoded(server, encoding, compress):
    text = b"<rss><channel><title>Harbour Ledger</title></channel></rss>" * 3000
    server.routes["/feed.xml"] = lambda h: reply(
        h, body=compress(text), headers={"Content-Encoding": encoding}
    )

    result = fetch(server.url("/feed.xml"), POLICY)

    assert server.hits("/feed.xml")[0]["accept-encoding"] == "gzip, deflate"
    assert result.content == text

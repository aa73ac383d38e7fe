"""A feed that has not changed costs the publisher a 304 and us nothing."""

import pytest
from fetchserver import FetchServer, reply, test_policy

from newsfold.pipeline.fetch import fetch

POLICY = test_policy()
BODY = b"<rss><channel><title>Harbour Ledger</title></channel></rss>"


@pytest.fixture
def server():
    with FetchServer() as s:
        yield s


def test_an_etag_is_sent_back_and_a_304_means_not_modified(server):
    def answer(h):
        if h.headers.get("If-None-Match") == '"v1"':
            reply(h, 304, headers={"ETag": '"v1"'})
        else:
            reply(h, 200, BODY, {"ETag": '"v1"'})

    server.routes["/feed.xml"] = answer

    first = fetch(server.url("/feed.xml"), POLICY)
    second = fetch(server.url("/feed.xml"), POLICY, etag=first.etag)

    assert first.etag == '"v1"' and first.content == BODY and not first.not_modified
    assert "if-none-match" not in server.hits("/feed.xml")[0]
    assert server.hits("/feed.xml")[1]["if-none-match"] == '"v1"'
    assert second.not_modified
    assert second.status == 304
    assert second.content == b""


def test_last_modified_is_sent_back_as_if_modified_since(server):
    stamp = "Mon, 02 Mar 2026 08:00:00 GMT"

    def answer(h):
        if h.headers.get("If-Modified-Since") == stamp:
            reply(h, 304)  # no validators repeated: the ones we sent stay valid
        else:
            reply(h, 200, BODY, {"Last-Modified": stamp})

    server.routes["/feed.xml"] = answer

    first = fetch(server.url("/feed.xml"), POLICY)
    second = fetch(server.url("/feed.xml"), POLICY, last_modified=first.last_modified)

    assert first.last_modified == stamp
    assert server.hits("/feed.xml")[1]["if-modified-since"] == stamp
    assert second.not_modified
    assert second.last_modified == stamp


def test_a_changed_feed_answers_200_with_its_new_etag(server):
    server.routes["/feed.xml"] = lambda h: reply(h, 200, BODY, {"ETag": '"v2"'})

    result = fetch(server.url("/feed.xml"), POLICY, etag='"v1"')

    assert not result.not_modified
    assert result.etag == '"v2"'
    assert result.content == BODY

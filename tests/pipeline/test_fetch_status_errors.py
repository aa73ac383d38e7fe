"""Error answers become an HTTPStatusError the scheduler can act on."""

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from fetchserver import FetchServer, reply, test_policy

from newsfold.pipeline.fetch import HTTPStatusError, fetch

POLICY = test_policy()


@pytest.fixture
def server():
    with FetchServer() as s:
        yield s


def test_429_carries_the_retry_after_seconds(server):
    server.routes["/feed.xml"] = lambda h: reply(h, 429, b"slow down", {"Retry-After": "120"})

    with pytest.raises(HTTPStatusError) as caught:
        fetch(server.url("/feed.xml"), POLICY)

    assert caught.value.status == 429
    assert caught.value.retry_after == 120
    assert "429" in caught.value.message and "120" in caught.value.message


def test_503_with_an_http_date_retry_after_becomes_seconds(server):
    later = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
    server.routes["/feed.xml"] = lambda h: reply(h, 503, headers={"Retry-After": later})

    with pytest.raises(HTTPStatusError) as caught:
        fetch(server.url("/feed.xml"), POLICY)

    assert caught.value.status == 503
    assert 3500 <= caught.value.retry_after <= 3600


def test_a_missing_page_is_a_404_error_without_retry_after(server):
    with pytest.raises(HTTPStatusError) as caught:
        fetch(server.url("/gone.xml"), POLICY)

    assert caught.value.status == 404
    assert caught.value.retry_after is None
    assert "\n" not in caught.value.message

"""Politeness shared through the database: what one process learnt of a host's robots.txt,
another uses without asking the host again; expired, it is read again."""

from dataclasses import replace

import pytest
from django.utils import timezone

from newsfold.pipeline import robots
from newsfold.pipeline.fetch import RobotsDisallowed, fetch
from newsfold.sources.models import RobotsFile
from newsfold.sources.policy import fetch_policy
from newsfold.sources.politeness import DatabaseShared
from tests.conftest import Route

pytestmark = pytest.mark.django_db


def _process_policy():
    """A policy as a fresh process makes it: its own handle, an empty local robots cache."""
    robots._cache.clear()
    return replace(fetch_policy(), shared=DatabaseShared(5.0), respect_robots=True)


def test_a_robots_txt_read_by_one_process_serves_the_others(local_server):
    local_server.routes["/robots.txt"] = Route(body=b"User-agent: *\nDisallow: /private/\n")
    local_server.routes["/news/1"] = Route(body=b"<html>one</html>")
    local_server.routes["/private/2"] = Route(body=b"<html>two</html>")

    assert fetch(local_server.url("/news/1"), _process_policy(), check_robots=True).status == 200
    with pytest.raises(RobotsDisallowed):
        fetch(local_server.url("/private/2"), _process_policy(), check_robots=True)
    assert len(local_server.hits("/robots.txt")) == 1
    assert local_server.hits("/private/2") == []

    RobotsFile.objects.update(expires_at=timezone.now())  # an hour later
    fetch(local_server.url("/news/1"), _process_policy(), check_robots=True)
    assert len(local_server.hits("/robots.txt")) == 2


def test_a_missing_robots_txt_is_remembered_as_allowing_all(local_server):
    local_server.routes["/news/1"] = Route(body=b"<html>one</html>")
    for _ in range(2):
        assert fetch(local_server.url("/news/1"), _process_policy(), check_robots=True)
    assert len(local_server.hits("/robots.txt")) == 1  # its 404, asked once
    assert RobotsFile.objects.get().text is None

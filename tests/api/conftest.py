"""The readers' fixtures (articles through the real store, accounts), shared with the API
tests."""

import pytest
from django.test import Client

from newsfold.community.models import Follow
from tests.api.greaderapp import login
from tests.community.conftest import (  # noqa: F401 - fixtures, found by name
    _no_counts_from_other_tests,
    make_reader,
    signed_in,
    store_article,
)


@pytest.fixture
def shelf(db):
    """Articles of two outlets, a hashtag, a section and a story, oldest first."""
    return {
        "tide": store_article(1, "Harbour Ledger", tags=["Tidal Energy"], hours_ago=9),
        "sport": store_article(2, "Harbour Ledger", category="sports", hours_ago=8),
        "energy": store_article(3, "Coast Courier", tags=["Tidal Energy"], hours_ago=7),
        "science": store_article(4, "Coast Courier", category="science", hours_ago=6),
        "other": store_article(5, "Valley Post", hours_ago=5),
    }


def follow_the_shelf(user, shelf: dict) -> None:
    """A hashtag, an outlet, a section and the story of `other`: the reader-app tests' follows."""
    for kind, key in [
        ("tag", "tidal-energy"),
        ("outlet", "harbour-ledger"),
        ("section", "science"),
        ("story", str(shelf["other"].story_id)),
    ]:
        Follow.objects.create(user=user, kind=kind, key=key)


@pytest.fixture
def reader(make_reader, shelf):  # noqa: F811 - the fixture imported above
    """A reader app logged in for a reader following the shelf (`follow_the_shelf`)."""
    user = make_reader("ana")
    follow_the_shelf(user, shelf)
    client = Client()
    client.defaults.update(login(client, user))
    client.user = user
    return client

"""Readers' fixtures: articles stored through the real store, accounts, signed-in clients."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from newsfold.news.models import Article
from newsfold.news.store import store
from newsfold.pipeline.types import Draft
from newsfold.sources.outlets import outlet

SYLLABLES = "ba ko ri ma tu le so na vi de pu go la mi ze fo".split()


def own_text(n: int) -> str:
    """Made-up words drawn for `n` alone: two articles never share a story unless a test
    says so."""
    rng = random.Random(f"reader-{n}")
    words = ["".join(rng.choices(SYLLABLES, k=4)) for _ in range(40)]
    return "\n\n".join(
        " ".join(rng.choice(words) for _ in range(60)).capitalize() + "." for _ in range(4)
    )


@pytest.fixture(autouse=True)
def _no_counts_from_other_tests():
    """Rate limits and login throttles count in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def store_article(
    n: int,
    source: str = "Harbour Ledger",
    *,
    title: str = "",
    text: str = "",
    hours_ago: float = 2,
    tags=(),
    category: str = "",
) -> Article:
    when = timezone.now() - timedelta(hours=hours_ago)
    draft = Draft(
        title=title or f"Gales close the strait ({n})",
        text=text or own_text(n),
        url=f"https://{source.split()[0].lower()}.example/{n}",
        published_at=when,
        fetched_at=when,
        tags=list(tags) + ([category] if category else []),
    )
    return Article.objects.get(pk=store(draft, outlet(source)).article_id)


@pytest.fixture
def make_reader(db):
    def make(name: str, *, days_old: float = 30, password: str = "tidal-basin-lantern"):
        user = get_user_model().objects.create_user(name, f"{name}@example.invalid", password)
        user.date_joined = timezone.now() - timedelta(days=days_old)
        user.save(update_fields=["date_joined"])
        return user

    return make


@pytest.fixture
def signed_in(make_reader):
    """A test client signed in as a new reader of that name (CSRF checked, as a browser)."""

    def sign_in(name: str, **kwargs) -> Client:
        user = make_reader(name, **kwargs)
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        client.user = user
        return client

    return sign_in


def csrf(client: Client, page: str = "/") -> str:
    """The token a page's forms carry, as a browser would send it back."""
    client.get(page)
    return client.cookies["csrftoken"].value

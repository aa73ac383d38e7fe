"""Subscribing to a feed: one rule for the `add-feed` command and the operators' API."""

from __future__ import annotations

from newsfold.pipeline.urls import feed_url_problem, tidy_url
from newsfold.sources.models import Feed
from newsfold.sources.outlets import outlet


class NotSubscribed(ValueError):
    """The address is no feed address, or is subscribed already; the message says which."""


def add_feed(
    url: str,
    source: str = "",
    *,
    region: str = "",
    country: str = "",
    language: str = "",
    folder: str = "",
    fetch_pages: bool = True,
) -> Feed:
    problem = feed_url_problem(url)
    if problem:
        raise NotSubscribed(problem)
    url = tidy_url(url)
    if Feed.objects.filter(url=url).exists():
        raise NotSubscribed(f"already subscribed: {url}")
    outlet_ = outlet(source, url=url, region=region, country=country, language=language)
    return Feed.objects.create(
        url=url,
        source=outlet_,
        folder=folder,
        fetch_pages=fetch_pages,
        outlet_settled=bool(source.strip()),
    )

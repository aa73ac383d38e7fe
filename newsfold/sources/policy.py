"""The fetch policy and schedule bounds, read from settings once per use."""

from __future__ import annotations

from django.conf import settings

from newsfold.pipeline.types import FetchPolicy
from newsfold.sources.politeness import DatabaseShared

_shared: DatabaseShared | None = None


def shared() -> DatabaseShared:
    """This process's handle on the politeness every process shares."""
    global _shared
    budget = settings.NEWSFOLD_CONNECT_TIMEOUT + 2 * settings.NEWSFOLD_READ_TIMEOUT
    if _shared is None or _shared.budget != budget:
        _shared = DatabaseShared(budget)
    return _shared


def fetch_policy() -> FetchPolicy:
    return FetchPolicy(
        user_agent=settings.NEWSFOLD_USER_AGENT,
        connect_timeout=settings.NEWSFOLD_CONNECT_TIMEOUT,
        read_timeout=settings.NEWSFOLD_READ_TIMEOUT,
        max_bytes=settings.NEWSFOLD_MAX_BYTES,
        max_redirects=settings.NEWSFOLD_MAX_REDIRECTS,
        allow_private=settings.NEWSFOLD_ALLOW_PRIVATE_NETWORKS,
        allowed_networks=tuple(settings.NEWSFOLD_ALLOWED_NETWORKS),
        per_host_limit=settings.NEWSFOLD_PER_HOST_LIMIT,
        respect_robots=settings.NEWSFOLD_RESPECT_ROBOTS,
        shared=shared(),
    )

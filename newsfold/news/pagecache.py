"""Rendered pages kept for a short while, keyed by what they show.

Rendering a page with dozens of linked items costs ten to thirty times Django's own cost
per request; the same page is asked for again and again between two changes of what it
shows. The key carries the page's data version (an article's `updated_at`, the newest story
update…), so a change shows at once; the timeout only bounds how stale a relative time
("5 minutes ago") may get. Only anonymous readers' pages are kept: a signed-in reader's
page carries their name, forms with their token and their mutes, so it is built for them
each time and marked private. Query parameters that do not change a page never reach it
(`query.py`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from newsfold.news.reader import is_personal
from newsfold.news.seo import base_url

SECONDS = 60


def cached_page(
    request, name: str, version: tuple, render: Callable[[], HttpResponse]
) -> HttpResponse:
    """The kept page, else `render()`'s. Pages carry absolute links (canonical, sharing),
    so a page is kept per public address it was built for: with NEWSFOLD_BASE_URL unset, a
    request naming another host or port gets its own page, never one built for another."""
    if is_personal(request):
        response = render()
        patch_cache_control(response, private=True)
        return response
    key_parts = (name, version, base_url(request))
    digest = hashlib.sha1(repr(key_parts).encode(), usedforsecurity=False).hexdigest()
    key = f"newsfold:page:{get_language()}:{digest}"
    hit = cache.get(key)
    if hit is not None:
        content, content_type = hit
        return HttpResponse(content, content_type=content_type)
    response = render()
    if response.status_code == 200:
        cache.set(key, (response.content, response["Content-Type"]), SECONDS)
    return response

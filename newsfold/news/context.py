"""What every page's frame needs: the site's name, its sections, the language switch."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from newsfold.news.labels import category_names


def other_languages(request) -> list[tuple[str, str, str]]:
    """(code, name, this page's address in that language) for the language switch."""
    current = get_language()
    query = request.META.get("QUERY_STRING", "")
    links = []
    for code, name in settings.LANGUAGES:
        if code != current:
            url = _translated(request.path, current, code)
            links.append((code, name, f"{url}?{query}" if query else url))
    return links


@lru_cache(maxsize=4096)
def _translated(path: str, current: str, code: str) -> str:
    """translate_url resolves the path and reverses it again, on every page: kept per
    process, as the address of a page in a language does not change while it runs."""
    return translate_url(path, code)


def site(request) -> dict:
    return {
        "site_name": settings.NEWSFOLD_SITE_NAME,
        "other_languages": other_languages(request),
        "categories": category_names(),
    }

"""What every page's frame needs: the site's name, its sections and its editions."""

from __future__ import annotations

from django.conf import settings
from django.urls import translate_url
from django.utils.text import slugify
from django.utils.translation import get_language

from newsfold.news.labels import category_names
from newsfold.sources.models import Source


def editions() -> list[tuple[str, str]]:
    """(slug, name) of each region some outlet is in: the home page's edition switch."""
    regions = Source.objects.exclude(region="").values_list("region", flat=True).distinct()
    return sorted({(slugify(r), r) for r in regions if slugify(r)}, key=lambda e: e[1])


def other_languages(request) -> list[tuple[str, str, str]]:
    """(code, name, this page's address in that language) for the language switch."""
    current = get_language()
    query = request.META.get("QUERY_STRING", "")
    links = []
    for code, name in settings.LANGUAGES:
        if code != current:
            url = translate_url(request.path, code)
            links.append((code, name, f"{url}?{query}" if query else url))
    return links


def site(request) -> dict:
    return {
        "site_name": settings.NEWSFOLD_SITE_NAME,
        "other_languages": other_languages(request),
        "categories": category_names(),
    }

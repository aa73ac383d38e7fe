"""Puts the signed-in reader's preferences on each request, as `news` reads them."""

from __future__ import annotations

from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject

from newsfold.community.prefs import reader_for
from newsfold.news.reader import ANONYMOUS


class ReaderMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        request.reader = SimpleLazyObject(
            lambda: reader_for(user) if user.is_authenticated else ANONYMOUS
        )
        response = self.get_response(request)
        if user.is_authenticated:
            # Whatever a signed-in reader is sent may hold their data: no shared cache
            # (a proxy, a CDN) may keep it.
            patch_cache_control(response, private=True)
        return response

"""Puts the signed-in reader's preferences on each request, as `news` reads them."""

from __future__ import annotations

from django.utils.cache import patch_cache_control, patch_vary_headers
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
        credentials = "Authorization" in request.headers
        if credentials:
            # The same address answers each caller with their own data.
            patch_vary_headers(response, ["Authorization"])
        if credentials or _personal(request):
            # Whatever a reader is sent, signed in or by a token or an app's key, may hold
            # their data: no shared cache (a proxy, a CDN) may keep it.
            patch_cache_control(response, private=True)
        return response


def _personal(request) -> bool:
    """Signed in, or known by a token or a reader app's key: the API's views put the user
    on the request (`request.user` or, for the reader apps' protocols, `app_user`)."""
    return request.user.is_authenticated or getattr(request, "app_user", None) is not None

"""The JSON API at /api/: its OpenAPI document at /api/openapi.json, interactive docs at
/api/docs. Public reads need no token; a token or the browser session makes them personal
(mutes) and opens the reader's own endpoints; staff manage feeds."""

from __future__ import annotations

from django.conf import settings
from ninja import NinjaAPI
from ninja.throttling import SimpleRateThrottle

from newsfold.api import news_endpoints, operator_endpoints, problems, reader_endpoints
from newsfold.community.clientip import client_ip


class SettingRate(SimpleRateThrottle):
    """A rate read from a setting on each call, so a changed setting (an operator's, a
    test's) holds at once."""

    def __init__(self, setting: str) -> None:
        self.setting = setting
        super().__init__(getattr(settings, setting))

    def allow_request(self, request) -> bool:
        self.rate = getattr(settings, self.setting)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class AddressRate(SettingRate):
    """Callers without an account, counted by address (the one rule of `client_ip`: a
    client's own X-Forwarded-For is never believed)."""

    scope = "address"

    def get_ident(self, request) -> str:
        return client_ip(request)

    def get_cache_key(self, request) -> str | None:
        if request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class AccountRate(SettingRate):
    """Callers with a token or a session, counted by account wherever they call from."""

    scope = "account"

    def get_cache_key(self, request) -> str | None:
        if not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


api = NinjaAPI(
    title="newsfold",
    version="1",
    description=(
        "News from many outlets, folded into stories. Errors are RFC 9457 problem details "
        "(application/problem+json); too many calls answer 429 with Retry-After."
    ),
    urls_namespace="jsonapi",
    throttle=[
        AddressRate("NEWSFOLD_API_RATE_ANON"),
        AccountRate("NEWSFOLD_API_RATE"),
    ],
)
api.add_router("/", news_endpoints.router)
api.add_router("/", reader_endpoints.router)
api.add_router("/", operator_endpoints.router)
problems.install(api)

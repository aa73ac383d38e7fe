"""The reader's address, for rate limits and login lock-outs: one rule for django-ratelimit,
django-axes and the API's throttle."""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR; behind a proxy (NEWSFOLD_CLIENT_IP_HEADER), the last address in that
    header: the one our proxy added. Earlier ones are the client's own words and may be
    anything, so they are never believed."""
    header = settings.NEWSFOLD_CLIENT_IP_HEADER
    if header:
        hops = [hop.strip() for hop in request.META.get(header, "").split(",") if hop.strip()]
        if hops:
            try:
                return str(ipaddress.ip_address(hops[-1]))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - a key, not a bind

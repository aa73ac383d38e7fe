"""Errors as RFC 9457 problem details: one JSON shape and the right status for every
failure of the JSON API, whatever raised it."""

from __future__ import annotations

import logging

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from newsfold.community.comments import Refused

log = logging.getLogger(__name__)
CONTENT_TYPE = "application/problem+json"
TITLES = {
    400: "Bad request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    422: "Invalid input",
    429: "Too many requests",
    500: "Server error",
}


def problem(
    api: NinjaAPI, request: HttpRequest, status: int, detail: str = "", **extra
) -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        **({"detail": detail} if detail else {}),
        **extra,
    }
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = CONTENT_TYPE
    return response


def install(api: NinjaAPI) -> None:
    def validation(request, exc: ValidationError):
        errors = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")}
            for e in exc.errors
        ]
        return problem(api, request, 422, "The request's parameters are not valid.", errors=errors)

    def authentication(request, exc):
        response = problem(api, request, 401, "Send a token: Authorization: Bearer TOKEN.")
        response["WWW-Authenticate"] = "Bearer"
        return response

    def throttled(request, exc: Throttled):
        response = problem(api, request, 429, "Slow down: too many requests.")
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait))
        return response

    def http_error(request, exc: HttpError):
        return problem(api, request, exc.status_code, str(exc))

    def not_found(request, exc):
        return problem(api, request, 404, str(exc) or "No such thing.")

    def refused(request, exc: Refused):
        return problem(api, request, 403, str(exc))

    def unexpected(request, exc: Exception):
        log.exception("API error on %s", request.path)
        return problem(api, request, 500, "Something went wrong on our side.")

    api.add_exception_handler(ValidationError, validation)
    api.add_exception_handler(AuthenticationError, authentication)
    api.add_exception_handler(Throttled, throttled)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(Refused, refused)
    api.add_exception_handler(Exception, unexpected)

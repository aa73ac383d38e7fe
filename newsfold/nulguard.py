"""A request carrying a NUL character is refused at the door with a 400.

No page, API call or protocol reads a NUL in a name, a slug or a word, and PostgreSQL
refuses one in any text it is asked to compare ("A string literal cannot contain NUL"),
which would answer a server error from wherever the value reached a query. One check here
instead of one in every view: the path, the query, and a form's fields or a JSON body.
"""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from django.http import HttpResponseBadRequest


def _has_nul(request) -> bool:
    if "\x00" in request.path or b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", "")):
        return True
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        kind = request.content_type or ""
        if kind == "application/json":
            return b"\x00" in request.body or b"\\u0000" in request.body.lower()
        if kind == "application/x-www-form-urlencoded":
            return b"\x00" in unquote_to_bytes(request.body)
        if kind == "multipart/form-data":  # the fields; an uploaded file is the file's
            return any("\x00" in v for vs in request.POST.lists() for v in vs[1])
    return False


class NulGuardMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            return HttpResponseBadRequest(
                "NUL characters are not accepted.", content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)

"""The part of a query string that can change a reader's page.

Shared links arrive with tracking parameters (`utm_source`, `fbclid`…) that change nothing
on the page. Were they let through, every variant would be rendered and kept apart in the
page cache, and the first asker's parameters would be written into links (the language
switch, the pager) that everyone else is then served. Only what the pages read is kept.
"""

from __future__ import annotations

from django.http import QueryDict

# after: a listing's cursor; q, outlet, category, from, to, page: search.
PAGE_PARAMETERS = frozenset({"after", "q", "outlet", "category", "from", "to", "page"})


def page_query(query: QueryDict) -> QueryDict:
    kept = QueryDict(mutable=True)
    for name, values in query.lists():
        if name in PAGE_PARAMETERS:
            kept.setlist(name, values)
    kept._mutable = False
    return kept


def cache_part(query: QueryDict) -> str:
    """The query as part of a page's cache key: the same page whatever the order."""
    return "&".join(f"{k}={v!r}" for k, v in sorted(query.lists()))


class PageQueryMiddleware:
    """The reader's pages (the `news` namespace) see only the parameters they read."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.namespace == "news" and request.GET:
            request.GET = page_query(request.GET)
            request.META["QUERY_STRING"] = request.GET.urlencode()
        return None

"""Listings: latest, a hashtag, a section, an outlet, and search.

Listings page by keyset (`paging.keyset`): "Older" carries the last row's time and id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from newsfold.news import topics, versions
from newsfold.news.home import ARTICLE_FIELDS
from newsfold.news.labels import category_name, category_names, region_name
from newsfold.news.models import Article, ArticleTag, Tag
from newsfold.news.pagecache import cached_page
from newsfold.news.paging import keyset
from newsfold.news.query import cache_part
from newsfold.news.reader import ANONYMOUS, Reader, reader_of
from newsfold.news.search import Results
from newsfold.news.search import search as find
from newsfold.news.seo import absolute
from newsfold.pipeline.sections import CATEGORIES
from newsfold.sources.models import Source
from newsfold.sources.outlets import UNATTRIBUTED

SEARCH_PAGES = 10  # ranked results stop here: nobody reads page 11, and it stays cheap


def listed(*, section: str = "", source: Source | None = None) -> QuerySet:
    """What a listing holds before the reader's mutes and the page's cut: every article
    (latest), a section's, an outlet's. The pages and the feeds read it from here alike."""
    rows = Article.objects.select_related("source").only(*ARTICLE_FIELDS)
    if section:
        rows = rows.filter(category=section)
    if source is not None:
        rows = rows.filter(source=source)
    return rows


def tagged(tag: Tag) -> QuerySet:
    """A hashtag's links to its articles, newest first by the link's own copy of the time
    (one index walked in order); each with its article and outlet."""
    return ArticleTag.objects.filter(tag=tag).select_related("article__source")


def _listing(request, template: str, rows, context: dict, **keys):
    rows = reader_of(request).visible(rows)
    page = keyset(rows, request.GET.get("after"), settings.NEWSFOLD_PAGE_SIZE, **keys)
    context |= {"page": page, "canonical": absolute(request, request.path)}
    return render(request, template, context)


def latest(request):
    return _listing(request, "news/listing.html", listed(), {"heading": _("Latest")})


def category(request, slug: str):
    if slug not in CATEGORIES:
        raise Http404("no such section")
    rows = listed(section=slug)
    context = {
        "heading": category_name(slug),
        "section": slug,
        "follow": ("section", slug, category_name(slug)),
    }
    return _listing(request, "news/listing.html", rows, context)


def hashtag(request, slug: str):
    tag = get_object_or_404(Tag, slug=slug)
    rows = reader_of(request).visible(tagged(tag), prefix="article__")
    page = keyset(
        rows, request.GET.get("after"), settings.NEWSFOLD_PAGE_SIZE, id_field="article_id"
    )
    page.items = [link.article for link in page.items]
    context = {
        # The tag may run the other way from the page (a Latin name on the Arabic site).
        "heading": mark_safe(  # noqa: S308 - both parts escaped here
            conditional_escape(_("Latest news with %(tag)s"))
            % {"tag": format_html('<bdi dir="auto">#{}</bdi>', tag.name)}
        ),
        "tag": tag,
        "topic": None if request.GET.get("after") else topics.topic(tag, reader_of(request)),
        "follow": ("tag", tag.slug, f"#{tag.name}"),
        "page": page,
        "canonical": absolute(request, request.path),
    }
    return render(request, "news/listing.html", context)


def outlet(request, slug: str):
    source = get_object_or_404(Source, slug=slug)
    feeds = list(source.feeds.all()[:20])
    rows = listed(source=source)
    context = {
        "heading": source.name,
        "source": source,
        "region": region_name(source.region) if source.region else "",
        "feeds": feeds,
    }
    return _listing(request, "news/outlet.html", rows, context)


def search(request):
    """Results pages are kept like other pages: until an article is added, at most a minute
    (a fuller text replacing an article's shows in search within that minute)."""
    newest = versions.newest_article()
    name = f"search:{cache_part(request.GET)}"
    return cached_page(request, name, (newest,), lambda: _search(request))


@dataclass
class SearchPage:
    """One page of search results as a reader asked for it (the site's page, the API's
    answer and the search feed read it alike)."""

    q: str
    results: Results | None
    number: int
    has_next: bool
    outlet: str
    source: Source | None
    category: str
    since: datetime | None
    until: datetime | None


def search_page(params, reader: Reader = ANONYMOUS) -> SearchPage:
    """`params` as in the search page's query: q, outlet, category, from, to, page."""
    q = (params.get("q") or "").strip()[:500]
    outlet = params.get("outlet") or ""
    section = params.get("category") or ""
    since, until = _day(params.get("from")), _day(params.get("to"), end=True)
    try:
        number = min(max(int(params.get("page") or 1), 1), SEARCH_PAGES)
    except ValueError:
        number = 1
    source = Source.objects.filter(slug=outlet).first() if outlet else None
    size = settings.NEWSFOLD_PAGE_SIZE
    results = None
    if q:
        results = find(
            q,
            outlet=source.pk if source else None,
            category=section if section in CATEGORIES else "",
            since=since,
            until=until,
            limit=size,
            offset=(number - 1) * size,
        )
        if reader.mutes:
            results.hits = [
                h
                for h in results.hits
                if not reader.hides(h.article.title, h.article.text, h.article.source_id)
            ]
    has_next = bool(results and results.has_more and number < SEARCH_PAGES)
    return SearchPage(q, results, number, has_next, outlet, source, section, since, until)


def _search(request):
    found = search_page(request.GET, reader_of(request))
    context = {
        "q": found.q,
        "results": found.results,
        "number": found.number,
        "has_next": found.has_next,
        "outlets": Source.objects.exclude(name=UNATTRIBUTED).only("name", "slug").order_by("name"),
        "outlet": found.outlet,
        "category": found.category,
        "category_choices": category_names(),
        "since": request.GET.get("from", "") if found.since else "",
        "until": request.GET.get("to", "") if found.until else "",
        "canonical": absolute(request, request.path),
    }
    return render(request, "news/search.html", context)


def _day(value: str | None, end: bool = False) -> datetime | None:
    """A date field's value (YYYY-MM-DD) as the start of that day in UTC or, for the end of
    a range, the start of the next day (search's `until` is exclusive)."""
    try:
        day = datetime.strptime((value or "").strip(), "%Y-%m-%d").date()
    except ValueError:
        return None
    start = datetime.combine(day, time.min, tzinfo=UTC)
    try:
        return start + timedelta(days=1) if end else start
    except OverflowError:  # "to 9999-12-31": no end at all
        return None

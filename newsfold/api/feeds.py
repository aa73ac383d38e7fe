"""Feeds out: what the site's pages show, for feed readers, as RSS 2.0, Atom and JSON Feed.

Each page with a feed names it in a `<link rel="alternate">`; the address is the page's
kind and key with the format as its suffix (`/feeds/c/politics.atom`). Public feeds are the
same for everyone, mutes and all: a signed-in reader's cookie changes nothing, so a shared
cache may keep them. The personal "For you" feed is found by a secret in its address alone
(feed readers send no cookie) and is the only one that applies a reader's follows and mutes.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, register_converter, reverse
from django.utils import translation

from newsfold.api import feedwriter
from newsfold.api.feeditems import ARTICLES, STORIES, Feed, article_entries, story_entries
from newsfold.api.models import Token
from newsfold.api.tokens import user_for
from newsfold.community.personal import for_you as personal_stories
from newsfold.community.prefs import reader_for
from newsfold.ids import valid_id
from newsfold.news import home as front
from newsfold.news.browse import listed, search_page, tagged
from newsfold.news.labels import category_name, region_name
from newsfold.news.models import Story, Tag
from newsfold.news.seo import absolute
from newsfold.news.stories import final
from newsfold.pipeline.sections import CATEGORIES
from newsfold.sources.models import Source

SEARCH_FILTERS = ("q", "outlet", "category", "from", "to")


class FormatConverter:
    regex = "rss|atom|json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "feedformat")


def _feed(
    request, name: str, args: list, title: str, page: str, entries, query: str = "", **kw
) -> Feed:
    """The feed of the page at `page`, addressed by URL `name` with `args` (and `query`)."""
    return Feed(
        title=f"{settings.NEWSFOLD_SITE_NAME}: {title}",
        description=kw.pop("description", title),
        page=absolute(request, page),
        address={
            fmt: absolute(request, reverse(name, args=[*args, fmt]))
            + (f"?{query}" if query else "")
            for fmt in feedwriter.TYPES
        },
        entries=entries,
        **kw,
    )


def _in_english(view):
    """Feeds take no language prefix: their section names and dates read in the site's
    default language whatever the client asks for, so one answer suits every cache."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return view(request, *args, **kwargs)

    return wrapped


def _no_nul(*values: str) -> None:
    """PostgreSQL refuses a NUL in a string: such input names nothing here."""
    if any("\x00" in v for v in values):
        raise Http404("no such feed")


def _articles(rows) -> list:
    return list(rows.order_by("-published_at", "-id")[:ARTICLES])


@_in_english
def top(request, fmt: str) -> HttpResponse:
    stories = front.top_stories(limit=STORIES)
    feed = _feed(
        request,
        "feeds-top",
        [],
        "Top stories",
        reverse("news:home"),
        story_entries(request, stories),
        description="The stories most outlets are covering now",
    )
    return feedwriter.respond(request, feed, fmt)


@_in_english
def edition(request, edition: str, fmt: str) -> HttpResponse:
    region = dict(front.editions()).get(edition)
    if region is None:
        raise Http404("no such edition")
    stories = front.top_stories(region, limit=STORIES)
    feed = _feed(
        request,
        "feeds-edition",
        [edition],
        f"{region_name(region)} edition",
        reverse("news:edition", args=[edition]),
        story_entries(request, stories),
        description=f"Top stories, {region_name(region)} outlets first",
    )
    return feedwriter.respond(request, feed, fmt)


@_in_english
def latest(request, fmt: str) -> HttpResponse:
    entries = article_entries(request, _articles(listed()))
    feed = _feed(request, "feeds-latest", [], "Latest", reverse("news:latest"), entries)
    return feedwriter.respond(request, feed, fmt)


@_in_english
def section(request, slug: str, fmt: str) -> HttpResponse:
    if slug not in CATEGORIES:
        raise Http404("no such section")
    entries = article_entries(request, _articles(listed(section=slug)))
    page = reverse("news:category", args=[slug])
    feed = _feed(request, "feeds-section", [slug], category_name(slug), page, entries)
    return feedwriter.respond(request, feed, fmt)


@_in_english
def hashtag(request, slug: str, fmt: str) -> HttpResponse:
    _no_nul(slug)
    tag = get_object_or_404(Tag, slug=slug)
    links = tagged(tag).order_by("-published_at", "-article_id")[:ARTICLES]
    entries = article_entries(request, [link.article for link in links])
    page = reverse("news:hashtag", args=[tag.slug])
    feed = _feed(request, "feeds-hashtag", [tag.slug], f"#{tag.name}", page, entries)
    return feedwriter.respond(request, feed, fmt)


@_in_english
def outlet(request, slug: str, fmt: str) -> HttpResponse:
    source = get_object_or_404(Source, slug=slug)
    entries = article_entries(request, _articles(listed(source=source)))
    page = reverse("news:outlet", args=[source.slug])
    feed = _feed(request, "feeds-outlet", [source.slug], source.name, page, entries)
    return feedwriter.respond(request, feed, fmt)


@_in_english
def story(request, pk: int, fmt: str) -> HttpResponse:
    """The story's articles, newest first; a merged story's feed has moved for good."""
    if not valid_id(pk):
        raise Http404("no such story")
    found = get_object_or_404(Story, pk=pk)
    if found.merged_into_id:
        return redirect("feeds-story", final(found).pk, fmt, permanent=True)
    rows = listed().filter(story=found)
    page = reverse("news:story", args=[found.pk, found.slug])
    entries = article_entries(request, _articles(rows))
    feed = _feed(request, "feeds-story", [found.pk], found.headline, page, entries)
    return feedwriter.respond(request, feed, fmt)


@_in_english
def search(request, fmt: str) -> HttpResponse:
    """A saved search: the search page's first page of results, best match first, with
    the page's filters. Only the filters reach the search (never `page`)."""
    params = {name: request.GET.get(name, "") for name in SEARCH_FILTERS}
    if any("\x00" in v for v in params.values()):
        return HttpResponseBadRequest("bad search", content_type="text/plain")
    found = search_page(params)
    if not found.q:
        return HttpResponseBadRequest("a saved search needs q", content_type="text/plain")
    query = urlencode({name: value for name, value in params.items() if value})
    hits = found.results.hits if found.results else []
    entries = article_entries(request, [h.article for h in hits])
    page = f"{reverse('news:search')}?{query}"
    feed = _feed(request, "feeds-search", [], f"Search: {found.q}", page, entries, query)
    return feedwriter.respond(request, feed, fmt)


@_in_english
def for_you(request, secret: str, fmt: str) -> HttpResponse:
    """The reader's "For you": their follows, their mutes. The secret is the only key."""
    user = user_for(secret, Token.FEED)
    if user is None:
        raise Http404("no such feed")
    stories = personal_stories(reader_for(user), limit=STORIES)
    feed = _feed(
        request,
        "feeds-for-you",
        [secret],
        "For you",
        reverse("community:for-you"),
        story_entries(request, stories),
        description="Stories touching what you follow",
        personal=True,
    )
    return feedwriter.respond(request, feed, fmt)


urlpatterns = [
    path("feeds/top.<feedformat:fmt>", top, name="feeds-top"),
    path("feeds/latest.<feedformat:fmt>", latest, name="feeds-latest"),
    path("feeds/e/<slug:edition>.<feedformat:fmt>", edition, name="feeds-edition"),
    path("feeds/c/<slug:slug>.<feedformat:fmt>", section, name="feeds-section"),
    path("feeds/t/<str:slug>.<feedformat:fmt>", hashtag, name="feeds-hashtag"),
    path("feeds/o/<slug:slug>.<feedformat:fmt>", outlet, name="feeds-outlet"),
    path("feeds/s/<int:pk>.<feedformat:fmt>", story, name="feeds-story"),
    path("feeds/search.<feedformat:fmt>", search, name="feeds-search"),
    path("feeds/for-you/<str:secret>.<feedformat:fmt>", for_you, name="feeds-for-you"),
]

"""Every reader's page as JSON: home, editions, stories, articles, listings, outlets, search.

The same functions build the pages and these answers (news/home.py, news/browse.py,
news/related.py), so the API shows what the site shows, mutes included for a signed-in
caller. Listings page by the site's keyset cursor (`after`)."""

from __future__ import annotations

from django.conf import settings
from django.db.models.functions import Substr
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError

from newsfold.api import schemas
from newsfold.api.auth import reader, reader_or_anonymous
from newsfold.api.shapes import (
    article_item,
    cited,
    cited_texts,
    next_page,
    outlet_ref,
    story_insight,
    story_item,
)
from newsfold.community.comments import thread
from newsfold.ids import MAX_ID
from newsfold.news import home as front
from newsfold.news import insights
from newsfold.news.browse import SEARCH_PAGES, search_page
from newsfold.news.labels import category_name
from newsfold.news.models import (
    Article,
    ArticleCopy,
    ArticleInsight,
    ArticleTag,
    Story,
    StoryInsight,
    Tag,
)
from newsfold.news.paging import keyset
from newsfold.news.related import related_ids
from newsfold.news.stories import final
from newsfold.pipeline.sections import CATEGORIES
from newsfold.sources.models import Source
from newsfold.sources.outlets import UNATTRIBUTED

router = Router(auth=reader_or_anonymous, tags=["news"])
RowId = Path(..., ge=1, le=MAX_ID)


def _rows():
    return Article.objects.select_related("source").only(*front.ARTICLE_FIELDS)


def _listing(request, title: str, rows, **keys) -> dict:
    rows = reader(request).visible(rows)
    page = keyset(rows, request.GET.get("after"), settings.NEWSFOLD_PAGE_SIZE, **keys)
    return {
        "title": title,
        "items": [article_item(request, a) for a in page.items],
        "next": next_page(request, page.next_cursor),
    }


@router.get(
    "/home",
    response=schemas.answers(schemas.Home),
    summary="The front page: top stories, latest, sections",
)
def home(request, edition: str = ""):
    regions = dict(front.editions())
    region = regions.get(edition) if edition else ""
    if region is None:
        raise HttpError(404, f"no such edition: {edition}")
    who = reader(request)
    return {
        "edition": edition,
        "editions": [{"slug": s, "name": n} for s, n in regions.items()],
        "top": [
            story_item(request, t.story, t.lead, t.more)
            for t in front.top_stories(region, reader=who)
        ],
        "latest": [article_item(request, a) for a in front.latest(region, reader=who)],
        "sections": [
            {
                "slug": slug,
                "name": category_name(slug),
                "articles": [article_item(request, a) for a in items],
            }
            for slug, items in front.sections(region, reader=who)
        ],
    }


@router.get(
    "/stories/{story_id}",
    response=schemas.answers(schemas.Story),
    summary="A story and its coverage",
)
def story(request, story_id: int = RowId):
    found = final(get_object_or_404(Story, pk=story_id))
    rows = reader(request).visible(found.articles.select_related("source"))
    articles = list(rows.order_by("published_at", "id"))
    own = {(a.pk, a.url, a.source_id) for a in articles}
    copies = [
        c
        for c in ArticleCopy.objects.filter(article__in=articles)
        .select_related("source")
        .order_by("fetched_at", "id")
        if (c.article_id, c.url, c.source_id) not in own and c.source.name != UNATTRIBUTED
    ]
    outlets = {a.source.name for a in articles} | {c.source.name for c in copies}
    _, count = thread(found, request.user)
    insight = insights.for_reader(StoryInsight.objects.filter(story=found).first(), reader(request))
    return {
        **story_item(request, found),
        "articles": [article_item(request, a) for a in articles],
        "copies": [copy_of(request, c) for c in copies],
        "outlets": sorted(outlets - {UNATTRIBUTED}),
        "summary": " ".join(i["text"] for i in insight.summary) if insight else None,
        "insight": story_insight(insight),
        "comment_count": count,
    }


class Question(Schema):
    q: str = Field(..., min_length=1, max_length=insights.MAX_QUESTION)


@router.get(
    "/stories/{story_id}/ask",
    response=schemas.answers(schemas.Answer),
    summary="A question answered from the story's coverage, with citations",
)
def ask(request, question: Query[Question], story_id: int = RowId):
    found = final(get_object_or_404(Story, pk=story_id))
    result = insights.ask(found, question.q, reader=reader(request))
    return {**result, "citations": [cited(c) for c in result["citations"]]}


@router.get(
    "/articles/{article_id}", response=schemas.answers(schemas.Article), summary="An article"
)
def article(request, article_id: int = RowId):
    a = get_object_or_404(Article.objects.select_related("source"), pk=article_id)
    copies = [
        c
        for c in a.copies.select_related("source").order_by("fetched_at")
        if (c.url, c.source_id) != (a.url, a.source_id) and c.source.name != UNATTRIBUTED
    ]
    ids = related_ids(a)
    related = reader(request).visible(_rows()).annotate(lead=Substr("text", 1, 300)).in_bulk(ids)
    _, count = thread(a, request.user)
    return {
        **article_item(request, a, a.text[:400]),
        "author": a.author,
        "text": a.text,
        "html": a.html,
        "category": a.category,
        "summary": cited_texts(
            getattr(ArticleInsight.objects.filter(article=a).first(), "summary", [])
        ),
        "hashtags": [t.name for t in a.hashtags.all()],
        "also_published_by": [copy_of(request, c) for c in copies],
        "related": [
            article_item(request, related[pk], related[pk].lead) for pk in ids if pk in related
        ],
        "comment_count": count,
    }


@router.get(
    "/latest", response=schemas.answers(schemas.Listing), summary="Everything, newest first"
)
def latest(request, after: str | None = None):
    return _listing(request, "Latest", _rows())


@router.get(
    "/sections/{slug}", response=schemas.answers(schemas.Listing), summary="A section's articles"
)
def section(request, slug: str, after: str | None = None):
    if slug not in CATEGORIES:
        raise HttpError(404, f"no such section: {slug}")
    return _listing(request, category_name(slug), _rows().filter(category=slug))


@router.get(
    "/hashtags/{slug}", response=schemas.answers(schemas.Listing), summary="A hashtag's articles"
)
def hashtag(request, slug: str, after: str | None = None):
    tag = get_object_or_404(Tag, slug=slug)
    rows = reader(request).visible(
        ArticleTag.objects.filter(tag=tag).select_related("article__source"), prefix="article__"
    )
    page = keyset(rows, after, settings.NEWSFOLD_PAGE_SIZE, id_field="article_id")
    return {
        "title": f"#{tag.name}",
        "items": [article_item(request, link.article) for link in page.items],
        "next": next_page(request, page.next_cursor),
    }


@router.get(
    "/outlets/{slug}",
    response=schemas.answers(schemas.OutletPage),
    summary="An outlet, its feeds' health and its articles",
)
def outlet(request, slug: str, after: str | None = None):
    source = get_object_or_404(Source, slug=slug)
    listing = _listing(request, source.name, _rows().filter(source=source))
    return {
        **listing,
        "outlet": outlet_ref(request, source),
        "region": source.region,
        "country": source.country,
        "homepage": source.homepage,
        "feeds": [feed_health(f) for f in source.feeds.all()[:20]],
    }


def copy_of(request, c: ArticleCopy) -> dict:
    return {
        "outlet": outlet_ref(request, c.source),
        "url": c.url,
        "title": c.title,
        "published_at": c.published_at,
    }


def feed_health(f) -> dict:
    return {
        "id": f.pk,
        "url": f.url,
        "title": f.title,
        "outlet": f.source.name,
        "enabled": f.enabled,
        "status": f.status,
        "last_fetch_at": f.last_fetch_at,
        "last_success_at": f.last_success_at,
        "next_fetch_at": f.next_fetch_at,
        "consecutive_failures": f.consecutive_failures,
        "last_error": f.last_error,
        "notice": f.notice,
    }


class SearchQuery(Schema):
    q: str = Field(..., max_length=1000)
    outlet: str = ""
    category: str = ""
    since: str = Field("", alias="from", description="YYYY-MM-DD, included")
    until: str = Field("", alias="to", description="YYYY-MM-DD, included")
    page: int = Field(1, ge=1, le=SEARCH_PAGES)


@router.get(
    "/search",
    response=schemas.answers(schemas.SearchResults),
    summary="Full-text search, as on the site",
)
def search(request, filters: Query[SearchQuery]):
    """Words, "phrases" and -exclusions; `from` and `to` (YYYY-MM-DD) as on the site."""
    found = search_page(request.GET, reader(request))
    hits = found.results.hits if found.results else []
    more = None
    if found.has_next:
        query = request.GET.copy()
        query["page"] = str(found.number + 1)
        more = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return {
        "query": found.q,
        "page": found.number,
        "total": found.results.total if found.results else 0,
        "estimated": bool(found.results and found.results.estimated),
        "hits": [
            {**article_item(request, h.article, h.article.text[:400]), "rank": h.rank} for h in hits
        ],
        "next": more,
    }

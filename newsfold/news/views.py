"""The reader's pages about articles and stories: home, article, story.

Every page answers at one canonical address: `/a/<id>/<slug>/` and `/s/<id>/<slug>/`. The id
finds the page; a wrong or missing slug (a title that changed, a shortened link) is a
permanent redirect to the right one, so old links keep working.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Prefetch
from django.db.models.functions import Substr
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import Truncator

from newsfold.news import home as front
from newsfold.news import insights, versions
from newsfold.news.labels import category_name, region_name
from newsfold.news.models import Article, ArticleCopy, Story, StoryInsight, slug_for
from newsfold.news.pagecache import cached_page
from newsfold.news.reader import ANONYMOUS, Reader, reader_of, viewed
from newsfold.news.related import related_ids
from newsfold.news.seo import absolute
from newsfold.news.stories import final
from newsfold.sources.outlets import UNATTRIBUTED

RELATED_SECONDS = 600  # related articles change slowly; computing them reads many rows


def home(request, edition: str = ""):
    reader = reader_of(request)

    def page():
        regions = front.editions()
        region = dict(regions).get(edition) if edition else ""
        if region is None:
            raise Http404("no such edition")
        context = {
            "editions": regions,
            "edition": edition,
            "edition_name": region_name(region) if region else "",
            "top": front.top_stories(region, reader=reader),
            "latest": front.latest(region, reader=reader),
            "sections": [
                (slug, category_name(slug), items)
                for slug, items in front.sections(region, reader=reader)
            ],
            "canonical": absolute(request, request.path),
        }
        return render(request, "news/home.html", context)

    return cached_page(request, f"home:{edition}", versions.front(), page)


def article(request, pk: int, slug: str = ""):
    # Only what decides the answer is read first: a kept page needs no more than this row.
    found = versions.article(pk)
    if found is None:
        raise Http404("no such article")
    title, version = found
    if slug != slug_for(title):
        return redirect("news:article", pk=pk, slug=slug_for(title), permanent=True)
    response = cached_page(request, "article", version, lambda: _article_page(request, pk))
    if reader_of(request).signed_in:
        viewed.send("article", request=request, article=pk)
    return response


def _article_page(request, pk: int):
    reader = reader_of(request)
    # One query for the article, its outlet, story and both insights (a missing insight
    # reads as None: its reverse accessor raises an AttributeError).
    rows = Article.objects.select_related("source", "story", "insight", "story__insight")
    article = get_object_or_404(rows, pk=pk)
    copies = article.copies.select_related("source").order_by("fetched_at")
    # The copy the article's text comes from is the article itself; the rest are "also".
    others = [
        c
        for c in copies
        if (c.url, c.source_id) != (article.url, article.source_id)
        and c.source.name != UNATTRIBUTED  # not knowing who published it is no outlet
    ]
    story = final(article.story) if article.story_id else None
    further = []
    if story is not None:
        further = list(
            reader.visible(story.articles.exclude(pk=article.pk))
            .exclude(source_id=article.source_id)
            .select_related("source")
            .only(*front.ARTICLE_FIELDS)
            .order_by("-published_at", "-id")[:5]
        )
    context = {
        "article": article,
        "copies": others,
        "story": story,
        "further": further,
        "hashtags": list(article.hashtags.all()),
        "insight": insights.for_reader(getattr(article, "insight", None), reader),
        "story_insight": insights.for_reader(getattr(story, "insight", None), reader),
        "category": (article.category, category_name(article.category))
        if article.category
        else None,
        "related": _related(article, reader),
        "description": opening(article.text),
        "canonical": absolute(request, request.path),
    }
    return render(request, "news/article.html", context)


def opening(text: str, chars: int = 200) -> str:
    """A text's opening, plain: the article page's description and a feed item's summary.
    Cut from the first characters only: truncating a long text whole costs a page more."""
    return Truncator(text[: chars * 2]).chars(chars)


def _related(article: Article, reader: Reader = ANONYMOUS) -> list[Article]:
    key = f"newsfold:related:{article.pk}:{article.updated_at.timestamp()}"
    ids = cache.get(key)
    if ids is None:
        ids = related_ids(article)
        cache.set(key, ids, RELATED_SECONDS)
    rows = reader.visible(Article.objects.select_related("source").only(*front.ARTICLE_FIELDS))
    # The snippet needs the text's opening only; the texts themselves may be long.
    found = rows.annotate(lead=Substr("text", 1, 300)).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def story(request, pk: int, slug: str = ""):
    found = versions.story(pk)
    if found is None:
        raise Http404("no such story")
    headline, merged_into, version = found
    if merged_into:
        story = final(Story.objects.get(pk=pk))
        return redirect("news:story", pk=story.pk, slug=story.slug, permanent=True)
    if slug != slug_for(headline):
        return redirect("news:story", pk=pk, slug=slug_for(headline), permanent=True)
    response = cached_page(
        request, "story", version, lambda: _story_page(request, Story.objects.get(pk=pk))
    )
    if reader_of(request).signed_in:
        viewed.send("story", request=request, story=pk)
    return response


def _story_page(request, story: Story):
    reader = reader_of(request)
    copies = Prefetch("copies", queryset=ArticleCopy.objects.select_related("source"))
    articles = list(
        reader.visible(story.articles.all())
        .select_related("source")
        .prefetch_related(copies)
        .order_by("published_at", "id")
    )
    days: list[tuple[object, list[Article]]] = []
    for a in articles:
        a.also = list(
            dict.fromkeys(
                c.source.name
                for c in a.copies.all()
                if c.source_id != a.source_id and c.source.name != UNATTRIBUTED
            )
        )
        day = a.published_at.date()
        if not days or days[-1][0] != day:
            days.append((day, []))
        days[-1][1].append(a)
    context = {
        "story": story,
        "insight": insights.for_reader(StoryInsight.objects.filter(story=story).first(), reader),
        "days": days,
        "outlets": sorted(
            (
                {a.source.name for a in articles}
                | {c.source.name for a in articles for c in a.copies.all()}
            )
            - {UNATTRIBUTED}
        ),
        "related": _related_stories(story, articles, reader),
        "muted": story.article_count - len(articles) if reader.mutes else 0,
        "canonical": absolute(request, request.path),
    }
    return render(request, "news/story.html", context)


def _related_stories(
    story: Story, articles: list[Article], reader: Reader, limit: int = 5
) -> list[Story]:
    """Stories whose articles are related to this story's lead (or first) article."""
    lead = next((a for a in articles if a.pk == story.lead_id), articles[0] if articles else None)
    if lead is None:
        return []
    ids = []
    for a in _related(lead, reader):
        if a.story_id and a.story_id != story.pk and a.story_id not in ids:
            ids.append(a.story_id)
    found = Story.objects.in_bulk(ids[:limit])
    return [final(found[pk]) for pk in ids[:limit] if pk in found]


def healthz(request):
    """The cheapest page there is: a load balancer's check, and the bench's baseline."""
    return HttpResponse("ok", content_type="text/plain")

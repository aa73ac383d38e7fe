"""Rows as the JSON API shows them: plain dicts in the shapes of `schemas.py`. Addresses are
absolute, so a client can follow them as they are."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import Truncator

from newsfold.news.models import Article, Story
from newsfold.news.seo import absolute
from newsfold.sources.models import Source

SNIPPET = 200


def outlet_ref(request, source: Source) -> dict:
    return {
        "name": source.name,
        "slug": source.slug,
        "url": absolute(request, reverse("news:outlet", args=[source.slug])),
    }


def article_item(request, a: Article, snippet: str = "") -> dict:
    return {
        "id": a.pk,
        "title": a.title,
        "url": absolute(request, reverse("news:article", args=[a.pk, a.slug])),
        "original_url": a.url,
        "outlet": outlet_ref(request, a.source),
        "published_at": a.published_at,
        "language": a.language,
        "story_id": a.story_id,
        "snippet": Truncator(snippet).chars(SNIPPET) if snippet else "",
    }


def story_item(request, s: Story, lead: Article | None = None, more=()) -> dict:
    return {
        "id": s.pk,
        "headline": s.headline,
        "url": absolute(request, reverse("news:story", args=[s.pk, s.slug])),
        "article_count": s.article_count,
        "outlet_count": s.outlet_count,
        "first_seen": s.first_seen,
        "last_updated": s.last_updated,
        "lead": article_item(request, lead) if lead else None,
        "more": [article_item(request, a) for a in more],
    }


def next_page(request, cursor: str) -> str | None:
    """The listing's next page: this address with `after` set to the cursor."""
    if not cursor:
        return None
    query = request.GET.copy()
    query["after"] = cursor
    return absolute(request, f"{request.path}?{query.urlencode()}")


def cited(source: dict) -> dict:
    """A stored citation (`news.insights`) in the API's shape."""
    return {
        "article_id": int(source["doc"]),
        "outlet": source["outlet"],
        "url": source["url"],
        "sentence": source["text"],
    }


def cited_texts(items: list[dict]) -> list[dict]:
    return [{"text": i["text"], "sources": [cited(s) for s in i["sources"]]} for i in items]


def story_insight(insight) -> dict | None:
    if insight is None:
        return None
    return {
        "engine": insight.engine,
        "summary": cited_texts(insight.summary),
        "key_points": cited_texts(insight.key_points),
        "quotes": [
            {"speaker": q["speaker"], "quote": q["quote"], "source": cited(q)}
            for q in insight.quotes
        ],
        "conflicts": [
            {
                "kind": c["kind"],
                "thing": c["thing"],
                "first": {"figure": c["first"]["figure"], "source": cited(c["first"])},
                "second": {"figure": c["second"]["figure"], "source": cited(c["second"])},
            }
            for c in insight.conflicts
        ],
    }

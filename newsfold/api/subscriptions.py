"""A reader's follows as the feeds a reader app subscribes to.

Reader-app protocols know feeds in folders; newsfold knows follows of four kinds. Each
follow is shown as one feed, identified by the address of its page (`feed/<address>`), and
filed in one folder per kind. Both protocols (Google Reader, Fever) read follows through
here, so an app sees the same feeds, titles and articles whichever protocol it speaks.

A feed id is read back by its path alone: the host an app once saw may differ from the one
it uses now (a LAN address, a proxy), and the path is what names the thing followed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from newsfold.community.follows import matching, story_of, title_of
from newsfold.community.models import Follow
from newsfold.community.prefs import reader_for
from newsfold.news.models import Article, ArticleTag
from newsfold.news.seo import absolute, base_url
from newsfold.sources.models import Source

# The folder of each kind of follow, in the order apps list them.
LABELS = {"tag": "Hashtags", "outlet": "Outlets", "section": "Sections", "story": "Stories"}
PREFIXES = {"tag": "t", "outlet": "o", "section": "c", "story": "s"}
KINDS_BY_PREFIX = {prefix: kind for kind, prefix in PREFIXES.items()}
_PAGE = re.compile(r"^/(?:[a-z]{2}/)?(?P<prefix>[toc])/(?P<key>[^/]+)/?$")
_STORY = re.compile(r"^/(?:[a-z]{2}/)?s/(?P<key>[0-9]{1,18})(?:/[^/]*)?/?$")


class NotOurs(ValueError):
    """An address that names nothing on this site one can follow."""


@dataclass(frozen=True)
class Subscription:
    follow_id: int
    kind: str
    key: str
    title: str
    html_url: str
    stream_id: str  # "feed/<address of the page>"
    match: Q  # the articles it holds

    @property
    def label(self) -> str:
        return LABELS[self.kind]


def page_path(kind: str, key: str) -> str:
    return f"/{PREFIXES[kind]}/{quote(key, safe='')}/"


def target_of(address: str) -> tuple[str, str]:
    """(kind, key) of an address of one of our pages (`/t/…`, `/o/…`, `/c/…`, `/s/<id>/…`),
    absolute or a bare path, with or without a language prefix. Raises NotOurs."""
    parts = urlsplit(address.strip())
    path = parts.path or "/"
    if found := _STORY.match(path):
        return "story", str(int(found["key"]))
    if found := _PAGE.match(path):
        return KINDS_BY_PREFIX[found["prefix"]], unquote(found["key"])
    raise NotOurs(f"not the address of a hashtag, outlet, section or story here: {address}")


def subscriptions(user: AbstractBaseUser, request) -> list[Subscription]:
    """The reader's follows as feeds, by folder then title. A follow whose thing is gone
    (an outlet renamed away) is left out rather than shown empty."""
    found = []
    for follow in Follow.objects.filter(user=user).order_by("created_at", "id"):
        title = title_of(follow.kind, follow.key)
        if title is None:
            continue
        html_url = absolute(request, page_path(follow.kind, follow.key))
        found.append(
            Subscription(
                follow_id=follow.pk,
                kind=follow.kind,
                key=follow.key,
                title=title,
                html_url=html_url,
                stream_id=f"feed/{html_url}",
                match=matching(follow.kind, follow.key),
            )
        )
    order = list(LABELS)
    found.sort(key=lambda s: (order.index(s.kind), s.title.lower(), s.follow_id))
    return found


def find(subs: list[Subscription], stream_id: str) -> Subscription | None:
    """The subscription a `feed/<address>` stream id names, whatever host it carries."""
    if not stream_id.startswith("feed/"):
        return None
    try:
        kind, key = target_of(stream_id[len("feed/") :])
    except NotOurs:
        return None
    return next((s for s in subs if (s.kind, s.key) == (kind, key)), None)


def articles(user: AbstractBaseUser, subs: list[Subscription]) -> QuerySet:
    """The articles of these subscriptions the reader has not muted."""
    if not subs:
        return Article.objects.none()
    match = Q()
    for sub in subs:
        match |= sub.match
    return reader_for(user).visible(Article.objects.filter(match))


def origins(subs: list[Subscription], rows: list[Article]) -> dict[int, Subscription]:
    """For each article, the first subscription (in list order) that holds it: protocols
    give an item one feed, though a story article may also be an outlet's and a hashtag's."""
    if not subs or not rows:
        return {}
    ids = [a.pk for a in rows]
    tags: dict[int, set[str]] = {}
    for article_id, slug in ArticleTag.objects.filter(article_id__in=ids).values_list(
        "article_id", "tag__slug"
    ):
        tags.setdefault(article_id, set()).add(slug)
    outlets = dict(Source.objects.filter(articles__in=ids).values_list("pk", "slug").distinct())
    stories = {s.key: story_of(s.key) for s in subs if s.kind == "story"}
    found: dict[int, Subscription] = {}
    for article in rows:
        for sub in subs:
            if (
                (sub.kind == "tag" and sub.key in tags.get(article.pk, ()))
                or (sub.kind == "outlet" and outlets.get(article.source_id) == sub.key)
                or (sub.kind == "section" and article.category == sub.key)
                or (
                    sub.kind == "story"
                    and stories[sub.key] is not None
                    and article.story_id == stories[sub.key].pk
                )
            ):
                found[article.pk] = sub
                break
    return found


def follow(user: AbstractBaseUser, address: str, request) -> tuple[str, str, str]:
    """Follow the thing an address of this site names: (kind, key, title). An address on
    another host is refused even when its path looks like ours. Raises NotOurs."""
    host = urlsplit(address.strip()).netloc.lower()
    if host and host not in {urlsplit(base_url(request)).netloc.lower(), request.get_host()}:
        raise NotOurs(f"not an address of this site: {address}")
    kind, key = target_of(address)
    title = title_of(kind, key)
    if title is None:
        raise NotOurs(f"nothing to follow at {address}")
    Follow.objects.get_or_create(user=user, kind=kind, key=key)
    return kind, key, title


def unfollow(user: AbstractBaseUser, address: str) -> bool:
    kind, key = target_of(address)
    deleted, _ = Follow.objects.filter(user=user, kind=kind, key=key).delete()
    return bool(deleted)

"""What search engines and link previews read: canonical addresses, sitemaps, robots.txt."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.utils.encoding import iri_to_uri

from newsfold.news.models import Article, Story, Tag
from newsfold.pipeline.sections import CATEGORIES
from newsfold.sources.models import Source
from newsfold.sources.outlets import UNATTRIBUTED


def base_url(request) -> str:
    """The site's public address: NEWSFOLD_BASE_URL behind a proxy, else the request's
    scheme and Host (a name ALLOWED_HOSTS admits, with whatever port the client sent)."""
    return settings.NEWSFOLD_BASE_URL or f"{request.scheme}://{request.get_host()}"


def absolute(request, path: str) -> str:
    """The public address of a path, non-ASCII characters (Arabic slugs) percent-encoded."""
    return iri_to_uri(f"{base_url(request)}{path}")


class _Pages(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = 10_000


class ArticleSitemap(_Pages):
    changefreq = "daily"

    def items(self):
        return Article.objects.only("id", "title", "updated_at").order_by("-id")

    def location(self, item):
        return reverse("news:article", args=[item.pk, item.slug])

    def lastmod(self, item):
        return item.updated_at


class StorySitemap(_Pages):
    changefreq = "hourly"

    def items(self):
        return (
            Story.objects.filter(merged_into=None)
            .only("id", "headline", "last_updated")
            .order_by("-id")
        )

    def location(self, item):
        return reverse("news:story", args=[item.pk, item.slug])

    def lastmod(self, item):
        return item.last_updated


class SectionSitemap(_Pages):
    changefreq = "hourly"

    def items(self):
        return ["home", *[("category", slug) for slug in CATEGORIES]]

    def location(self, item):
        return reverse("news:home") if item == "home" else reverse("news:category", args=[item[1]])


class OutletSitemap(_Pages):
    def items(self):
        return Source.objects.exclude(name=UNATTRIBUTED).only("slug").order_by("id")

    def location(self, item):
        return reverse("news:outlet", args=[item.slug])


class TagSitemap(_Pages):
    def items(self):
        return Tag.objects.only("slug").order_by("id")

    def location(self, item):
        return reverse("news:hashtag", args=[item.slug])


SITEMAPS = {
    "sections": SectionSitemap,
    "stories": StorySitemap,
    "articles": ArticleSitemap,
    "outlets": OutletSitemap,
    "hashtags": TagSitemap,
}


def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /search", "Disallow: /ar/search"]
    lines.append(f"Sitemap: {absolute(request, reverse('sitemap-index'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")

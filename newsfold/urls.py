"""The site's addresses. Pages answer in English at `/…` and in Arabic at `/ar/…`; the
files a browser fetches by a fixed name (manifest, service worker, robots, sitemaps) do not
take a language prefix."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path

from newsfold.api import urls as api_urls
from newsfold.news import images, pwa, seo, views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("img/<str:token>", images.image, name="image"),
    path("robots.txt", seo.robots_txt, name="robots"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="sw"),
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": seo.SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": seo.SITEMAPS},
        name="sitemap-section",
    ),
    *api_urls.urlpatterns,
    *i18n_patterns(
        path("", include("newsfold.news.urls")),
        path("", include("newsfold.community.urls")),
        path("", include((api_urls.pages, "api"))),
        prefix_default_language=False,
    ),
]

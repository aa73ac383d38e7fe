"""The installable site: web app manifest, service worker and offline page.

A phone can add newsfold to its home screen (the manifest), and articles the reader has opened
stay readable without a connection (the service worker keeps them; the offline page answers
for the rest and lists what was kept).
"""

from __future__ import annotations

import hashlib
import json
from contextlib import nullcontext
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, get_language_bidi, gettext
from django.views.decorators.http import require_safe

SW_SOURCE = Path(__file__).resolve().parent / "static" / "news" / "sw.js"
BACKGROUND = "#ffffff"
THEME = "#1a4d8f"
ICONS = "news/icons/"
# Static files whose change must reach installed apps: a new worker version re-caches them.
VERSIONED_STATIC = ("news/site.js", "news/site.css")


@require_safe
def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest, in the active language.

    It is served outside the language prefix (one URL for the whole site), where Django's
    active language is the default; `?lang=ar` (a language of LANGUAGES) picks another, so a
    page can link the manifest of its own language. `id` stays "/" whatever the language, so
    the installed app is one app.
    """
    wanted = request.GET.get("lang", "")
    language = wanted if wanted in dict(settings.LANGUAGES) else None
    with translation.override(language) if language else nullcontext():
        data = {
            "id": "/",
            "name": "newsfold",
            "short_name": "newsfold",
            "description": gettext("Every outlet, one copy of each story."),
            "start_url": reverse("news:home"),
            "scope": "/",
            "display": "standalone",
            "background_color": BACKGROUND,
            "theme_color": THEME,
            "lang": get_language() or settings.LANGUAGE_CODE,
            "dir": "rtl" if get_language_bidi() else "ltr",
            "categories": ["news"],
            "icons": [
                _icon("icon-192.png", "192x192", "image/png", "any"),
                _icon("icon-512.png", "512x512", "image/png", "any"),
                _icon("maskable-512.png", "512x512", "image/png", "maskable"),
                _icon("icon.svg", "any", "image/svg+xml", "any"),
            ],
        }
    response = JsonResponse(data, content_type="application/manifest+json")
    response["Cache-Control"] = "max-age=3600"
    return response


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    """sw.js, served from the site root so that its scope is the whole site.

    The script is the static file with its version and configuration filled in. The version
    is a hash of the script, its configuration and the site's own JS and CSS, so changing any
    of them makes browsers install a new worker, which drops the old caches. `no-cache` makes
    browsers ask for it again instead of trusting a copy.
    """
    response = HttpResponse(_worker_script(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    """What the service worker shows for a page it cannot fetch and did not keep.

    The worker stores one copy per language when it installs, and answers with it while the
    reader has no connection; site.js lists the articles kept for offline reading on it.
    """
    response = render(request, "news/offline.html")
    response["X-Robots-Tag"] = "noindex"
    return response


def _icon(name: str, sizes: str, mime: str, purpose: str) -> dict[str, str]:
    return {"src": static(ICONS + name), "sizes": sizes, "type": mime, "purpose": purpose}


def _worker_config() -> dict[str, object]:
    """What sw.js needs to know of the site's URLs, which only Django knows."""
    offline_pages = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            # The language's home ("/" or "/ar/") is the prefix of the pages it answers for.
            offline_pages[reverse("news:home")] = reverse("news:offline")
    manifest_url = reverse("manifest")
    assets = [static(name) for name in (*VERSIONED_STATIC, "news/icons/icon.svg")]
    assets += [static(ICONS + n) for n in ("icon-192.png", "icon-512.png", "maskable-512.png")]
    return {
        "offline": offline_pages,
        "static": urlsplit(settings.STATIC_URL).path,
        "manifest": manifest_url,
        "assets": [manifest_url, *assets],
    }


def _build_worker_script() -> bytes:
    source = SW_SOURCE.read_text(encoding="utf-8")
    config = json.dumps(_worker_config(), sort_keys=True)
    digest = hashlib.sha256(source.encode() + config.encode())
    for name in VERSIONED_STATIC:
        path = finders.find(name)
        if path:
            digest.update(Path(path).read_bytes())
    script = source.replace("__VERSION__", digest.hexdigest()[:12])
    return script.replace("__CONFIG__", config).encode()


@lru_cache(maxsize=1)
def _cached_worker_script() -> bytes:
    return _build_worker_script()


def _worker_script() -> bytes:
    """Built once per process; in DEBUG on every request, so edits show up at once."""
    return _build_worker_script() if settings.DEBUG else _cached_worker_script()

"""Publishers' images, served from our own address.

A body image linked from the publisher's server tells the publisher (and whoever serves its
images) about every reader's visit, and shows as broken once they block hot-linking. Article
bodies instead point at `/img/<token>`: the token is the image's URL, signed, so this
address fetches only images that our own pages show. The image is fetched once through the
fetcher (SSRF guard, size cap, time-outs), kept in the shared cache, and served only when
its bytes are a raster image; anything else is a transparent pixel, so a reader never sees
a broken image and nothing the publisher sends can run on our origin.
"""

from __future__ import annotations

import base64
import hashlib
import logging

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.urls import reverse

from newsfold.pipeline.fetch import FetchError, fetch
from newsfold.pipeline.imagetype import image_type
from newsfold.pipeline.urls import web_url
from newsfold.sources.policy import fetch_policy

log = logging.getLogger(__name__)

SALT = "newsfold.images"
KEEP = 24 * 3600  # an image, here and in readers' browsers
RETRY = 10 * 60  # an image that could not be had: asked for again after this
ACCEPT = "image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1"
# One transparent pixel: what stands in for an image that could not be had.
_PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAC0lEQVR4nGNgAAIAAAUAAXpeqz8AAAAASUVORK5CYII="
)


def image_address(url: str) -> str:
    """Our address for a publisher's image URL (an http(s) URL, as `web_url` gives)."""
    return reverse("image", args=[signing.dumps(url, salt=SALT, compress=True)])


def image(request, token: str) -> HttpResponse:
    if not settings.NEWSFOLD_REMOTE_IMAGES:
        raise Http404("this site shows no publishers' images")
    try:
        url = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise Http404("no such image") from None
    if not isinstance(url, str) or web_url(url) != url:
        raise Http404("no such image")
    key = "newsfold:image:" + hashlib.sha256(url.encode()).hexdigest()
    kept = cache.get(key)
    if kept is None:
        kept = _fetch(url)
        cache.set(key, kept, KEEP if kept[0] else RETRY)
    kind, body = kept
    response = HttpResponse(body if kind else _PIXEL, content_type=kind or "image/png")
    response["Cache-Control"] = f"public, max-age={KEEP if kind else RETRY}"
    response["X-Content-Type-Options"] = "nosniff"
    # Opened on its own, an image is a document of our origin: it may do nothing at all.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _fetch(url: str) -> tuple[str, bytes]:
    """(MIME type, bytes) of the image at `url`, or ("", b"") when there is none to show."""
    try:
        result = fetch(url, fetch_policy(), accept=ACCEPT)
    except FetchError as exc:
        log.info("image %s not fetched: %s", url, exc.message)
        return "", b""
    kind = image_type(result.content)
    if kind is None:
        log.info("image %s: not a raster image, not shown", url)
        return "", b""
    return kind, result.content

"""The installable site: manifest, service worker script and offline page, through Django."""

import json
import struct
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from newsfold.news import pwa

pytestmark = pytest.mark.django_db


def _manifest(client, query: str = "") -> dict:
    response = client.get("/manifest.webmanifest" + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    return json.loads(response.content)


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", f"{path} is no PNG"
    return struct.unpack(">II", head[16:24])


def _static_file(url: str) -> Path:
    name = urlsplit(url).path.removeprefix(settings.STATIC_URL)
    found = finders.find(name)
    assert found, f"no static file for {url}"
    return Path(found)


def test_the_manifest_has_what_browsers_need_to_install_the_site(client):
    data = _manifest(client)
    assert data["name"] == data["short_name"] == "newsfold"
    assert data["start_url"] == "/" and data["scope"] == "/"
    assert data["display"] == "standalone"
    assert data["lang"] == "en" and data["dir"] == "ltr"
    assert data["description"]
    pngs = {(i["sizes"], i["purpose"]): i for i in data["icons"] if i["type"] == "image/png"}
    for size in (192, 512):
        icon = pngs[(f"{size}x{size}", "any")]
        assert _png_size(_static_file(icon["src"])) == (size, size)
    assert _png_size(_static_file(pngs[("512x512", "maskable")]["src"])) == (512, 512)
    svg = next(i for i in data["icons"] if i["type"] == "image/svg+xml")
    assert _static_file(svg["src"]).read_text().lstrip().startswith("<svg")


def test_the_apple_touch_icon_is_180_pixels():
    assert _png_size(Path(finders.find("news/icons/apple-touch-icon.png"))) == (180, 180)


def test_the_manifest_speaks_the_active_language():
    request = RequestFactory().get("/manifest.webmanifest")
    with translation.override("ar"):
        data = json.loads(pwa.manifest(request).content)
    assert data["lang"] == "ar" and data["dir"] == "rtl"
    assert data["start_url"] == "/ar/" and data["id"] == "/"


def test_a_page_can_ask_for_the_manifest_of_its_language(client):
    data = _manifest(client, "?lang=ar")
    assert data["lang"] == "ar" and data["dir"] == "rtl" and data["start_url"] == "/ar/"
    # An unknown language is the default one, not an error.
    assert _manifest(client, "?lang=xx")["lang"] == "en"


def test_the_service_worker_is_served_at_the_root_with_its_version_filled_in(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    assert response["Service-Worker-Allowed"] == "/"
    script = response.content.decode()
    assert "__VERSION__" not in script and "__CONFIG__" not in script
    # What the worker keeps from the start: both languages' offline pages.
    assert '"/ar/": "/ar/offline/"' in script and '"/": "/offline/"' in script


def test_the_worker_version_follows_the_site_script(client, tmp_path, monkeypatch):
    before = client.get("/sw.js").content
    changed = tmp_path / "site.js"
    changed.write_text(Path(finders.find("news/site.js")).read_text() + "\n// changed\n")
    real_find = finders.find
    monkeypatch.setattr(
        finders,
        "find",
        lambda name, **kw: str(changed) if name == "news/site.js" else real_find(name, **kw),
    )
    pwa._cached_worker_script.cache_clear()
    try:
        after = client.get("/sw.js").content
    finally:
        monkeypatch.undo()
        pwa._cached_worker_script.cache_clear()
    assert before != after


@pytest.mark.parametrize(("language", "path"), [("en", "/offline/"), ("ar", "/ar/offline/")])
def test_the_offline_page_renders_in_each_language(client, language, path):
    with translation.override(language):
        assert reverse("news:offline") == path
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="saved-pages"' in page and "data-empty=" in page
    assert f'lang="{language}"' in page

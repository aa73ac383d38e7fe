"""Readers' browsers fetch nothing from publishers: body images come from our own address,
fetched once by the server, and every page says so in a strict Content-Security-Policy."""

import re
import struct
import zlib

import pytest
from django.utils import timezone

from newsfold.news.store import store
from newsfold.pipeline.types import Draft
from newsfold.sources.outlets import outlet
from tests.conftest import Route
from tests.ingest.feedbuilder import article_text

pytestmark = pytest.mark.django_db


def _png(width: int = 2, height: int = 1) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _article_with_images(*urls: str) -> str:
    when = timezone.now()
    images = "".join(f'<img src="{u}" alt="Photo {n}">' for n, u in enumerate(urls))
    draft = Draft(
        title="Cranes over the harbour",
        text=article_text(9),
        url="https://ledger.example/9",
        published_at=when,
        fetched_at=when,
        html=f"<p>Cranes.</p>{images}",
    )
    pk = store(draft, outlet("Harbour Ledger")).article_id
    return f"/a/{pk}/"


def _image_addresses(page: str) -> list[str]:
    return re.findall(r'<img[^>]* src="(/img/[^"]+)"', page)


def test_a_body_image_is_served_from_our_address_and_fetched_once(client, local_server):
    photo = _png()
    local_server.routes["/photo.png"] = Route(body=photo, headers={"Content-Type": "image/png"})
    page = client.get(_article_with_images(local_server.url("/photo.png")), follow=True)
    html = page.content.decode()
    assert local_server.url("/photo.png") not in html
    [address] = _image_addresses(html)

    for _ in range(3):
        response = client.get(address)
        assert response.status_code == 200
        assert (response["Content-Type"], response.content) == ("image/png", photo)
    assert len(local_server.hits("/photo.png")) == 1  # kept after the first reader


@pytest.mark.parametrize(
    ("body", "claims"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "image/png"),
        (b"<html><script>alert(1)</script></html>", "image/jpeg"),
        (b"", "image/gif"),
    ],
)
def test_what_is_not_a_raster_image_is_a_transparent_pixel(client, local_server, body, claims):
    local_server.routes["/x"] = Route(body=body, headers={"Content-Type": claims})
    html = client.get(_article_with_images(local_server.url("/x")), follow=True).content.decode()
    [address] = _image_addresses(html)
    response = client.get(address)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"script" not in response.content
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_an_image_on_a_private_address_is_never_fetched(client):
    html = client.get(
        _article_with_images("http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/a.png"),
        follow=True,
    ).content.decode()
    for address in _image_addresses(html):
        response = client.get(address)
        assert response.status_code == 200 and len(response.content) < 100  # the pixel


@pytest.mark.parametrize("token", ["x", "eyJ1cmwiOiJodHRwOi8vZXZpbC5leGFtcGxlLyJ9:1abc:def"])
def test_an_address_we_did_not_sign_is_not_found(client, token):
    assert client.get(f"/img/{token}").status_code == 404


def test_a_changed_token_is_not_found(client, local_server):
    local_server.routes["/p.png"] = Route(body=_png())
    html = client.get(_article_with_images(local_server.url("/p.png")), follow=True)
    [address] = _image_addresses(html.content.decode())
    forged = address[:-3] + ("A" if address[-3] != "A" else "B") + address[-2:]
    assert client.get(forged).status_code == 404
    assert not local_server.hits("/p.png")


def test_every_page_carries_a_strict_policy_kept_pages_too(client):
    article = _article_with_images("https://ledger.example/c.jpg")
    for path in ["/", "/latest/", "/search?q=cranes", article, "/ar/", "/offline/"]:
        for _ in range(2):  # rendered, then kept
            response = client.get(path, follow=True)
            policy = response["Content-Security-Policy"]
            assert "default-src 'self'" in policy and "img-src 'self' data:" in policy
            assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
            assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_a_site_may_show_no_publishers_images_at_all(client, local_server, settings):
    local_server.routes["/photo.png"] = Route(body=_png(), headers={"Content-Type": "image/png"})
    article = _article_with_images(local_server.url("/photo.png"))
    address = _image_addresses(client.get(article, follow=True).content.decode())[0]
    settings.NEWSFOLD_REMOTE_IMAGES = False
    from django.core.cache import cache

    cache.clear()  # the page kept before the setting changed
    html = client.get(article, follow=True).content.decode()
    assert "<img" not in html and "Cranes." in html
    assert client.get(address).status_code == 404
    assert local_server.hits("/photo.png") == []  # never fetched

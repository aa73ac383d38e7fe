"""What kind of image a body of bytes is, read from the bytes themselves.

A publisher's Content-Type is a claim; an "image" that is HTML or SVG served from our own
address could run script there. Only raster formats a browser shows in `<img>` and that
carry no script are recognised.
"""

from __future__ import annotations

__all__ = ["image_type"]

_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
    (b"\x00\x00\x01\x00", "image/x-icon"),
)
_ISO_BRANDS = {b"avif": "image/avif", b"avis": "image/avif"}


def image_type(data: bytes) -> str | None:
    """The MIME type of a JPEG, PNG, GIF, WebP, AVIF, BMP or ICO image; None otherwise."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:8] == b"ftyp":
        return _ISO_BRANDS.get(data[8:12])
    return None

"""An image is what its bytes say, not what its server claims."""

import pytest

from newsfold.pipeline.imagetype import image_type


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (b"GIF89a\x01\x00", "image/gif"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"\x00\x00\x00\x1cftypavif\x00\x00", "image/avif"),
    ],
)
def test_raster_images_are_known_by_their_first_bytes(head, kind):
    assert image_type(head + b"\x00" * 32) == kind


@pytest.mark.parametrize(
    "data",
    [
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        b"<!doctype html><script>alert(1)</script>",
        b"RIFF\x10\x00\x00\x00WAVEfmt ",
        b"\x00\x00\x00\x1cftypmp42",
        b"",
    ],
)
def test_anything_else_is_no_image(data):
    assert image_type(data) is None

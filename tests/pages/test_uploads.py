"""What an editor gets when uploading: harmless SVGs, and one clear message per problem."""

import json
import re
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images import get_image_model

import pytest
from bs4 import BeautifulSoup

MALICIOUS_SVG = b"""<svg xmlns="http://www.w3.org/2000/svg"
     xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="60" onload="alert(1)">
  <script>alert(2)</script>
  <style>@import url(https://evil.example/x.css); rect { fill: url(https://evil.example/a) }</style>
  <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
  <a href="javascript:alert(3)"><rect width="10" height="10" onclick="steal()"/></a>
  <use xlink:href="https://evil.example/sprite.svg#icon"/>
  <image href="https://evil.example/pixel.png" width="1" height="1"/>
  <circle cx="30" cy="30" r="20" fill="#0b5394"/>
</svg>"""
DANGEROUS = [b"<script", b"onload", b"onclick", b"foreignObject", b"javascript:", b"@import"]
# A reference the browser would fetch from another site: an attribute or a CSS url().
EXTERNAL_REFERENCE = re.compile(rb"""(?:href\s*=\s*["']|url\(\s*["']?)\s*(?:[a-z]+:|//)""")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def svg_upload(content=MALICIOUS_SVG, name="logo.svg"):
    return SimpleUploadedFile(name, content, content_type="image/svg+xml")


def field_errors(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [" ".join(e.get_text().split()) for e in html.select(".error-message")]


def stored(image):
    with image.file.open("rb") as handle:
        return handle.read()


def assert_harmless(content):
    for part in DANGEROUS:
        assert part not in content, part
    assert not EXTERNAL_REFERENCE.search(content), content
    assert b"<circle" in content  # the drawing itself is kept


def test_an_svg_uploaded_in_the_form_is_sanitised(admin_client, home, media):
    response = admin_client.post(
        "/admin/images/add/", {"title": "Logo", "file": svg_upload(), "collection": 1}
    )
    assert response.status_code == 302, field_errors(response)
    image = get_image_model().objects.get(title="Logo")
    assert_harmless(stored(image))
    assert (image.width, image.height) == (120, 60)
    rendition = image.get_rendition("width-60")
    with rendition.file.open("rb") as handle:
        assert_harmless(handle.read())


def test_an_svg_in_the_multiple_upload_is_sanitised(admin_client, home, media):
    response = admin_client.post("/admin/images/multiple/add/", {"files[]": svg_upload()})
    assert json.loads(response.content)["success"]
    assert_harmless(stored(get_image_model().objects.get()))


def test_replacing_an_image_by_an_svg_sanitises_it(admin_client, home, media):
    admin_client.post(
        "/admin/images/add/",
        {
            "title": "Logo",
            "file": svg_upload(
                b'<svg xmlns="http://www.w3.org/2000/svg" '
                b'width="5" height="5"><circle r="2"/></svg>'
            ),
            "collection": 1,
        },
    )
    image = get_image_model().objects.get()
    response = admin_client.post(
        f"/admin/images/{image.pk}/",
        {"title": "Logo", "file": svg_upload(name="logo2.svg"), "collection": 1},
    )
    assert response.status_code == 302, field_errors(response)
    image.refresh_from_db()
    assert_harmless(stored(image))


def test_an_unreadable_svg_is_refused_with_one_message(admin_client, home, media):
    response = admin_client.post(
        "/admin/images/add/",
        {
            "title": "Cassé",
            "file": svg_upload(b"<svg xmlns='http://www.w3.org/2000/svg'><g>"),
            "collection": 1,
        },
    )
    assert len(field_errors(response)) == 1
    assert not get_image_model().objects.exists()


def png_of(width, height):
    """A tiny PNG file declaring these dimensions (a 1-bit image compresses to almost
    nothing): how a "decompression bomb" reaches an upload form."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress((b"\x00" * (1 + (width + 7) // 8)) * 4)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("width", "height", "message"),
    [
        (30_000, 30_000, "30 000 × 30 000 pixels, soit 900 millions de pixels"),
        (8_000, 6_000, "8 000 × 6 000 pixels, soit 48 millions de pixels"),
    ],
)
def test_an_image_with_too_many_pixels_says_how_many(
    admin_client, home, media, width, height, message
):
    upload = SimpleUploadedFile("enorme.png", png_of(width, height), content_type="image/png")
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "X", "file": upload, "collection": 1, "accessibility": "inconnu"},
    )
    [error] = field_errors(response)
    assert message in error.replace("\u202f", " ").replace("\xa0", " ")
    assert "la limite est de 40 millions" in error


def test_a_document_too_big_gets_one_message(admin_client, home, media, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024 * 1024
    big = SimpleUploadedFile("gros.pdf", b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024))
    response = admin_client.post(
        "/admin/documents/add/",
        {"title": "Gros", "file": big, "collection": 1, "accessibility": "inconnu"},
    )
    errors = field_errors(response)
    assert len(errors) == 1, errors
    assert "trop gros" in errors[0]
    assert "extension" not in errors[0]


def test_a_document_of_a_refused_type_gets_one_message(admin_client, home, media):
    upload = SimpleUploadedFile("script.exe", b"MZ\x90\x00")
    response = admin_client.post(
        "/admin/documents/add/",
        {"title": "X", "file": upload, "collection": 1, "accessibility": "inconnu"},
    )
    errors = field_errors(response)
    assert len(errors) == 1 and "extension" in errors[0]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("page.html", b"<script>alert(1)</script>", "Format d'image non supporté"),
        ("faux.png", b"GIF89a pas vraiment", "ne correspond pas"),
    ],
)
def test_a_wrong_image_gets_one_message(admin_client, home, media, name, content, expected):
    upload = SimpleUploadedFile(name, content)
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "X", "file": upload, "collection": 1, "accessibility": "inconnu"},
    )
    errors = field_errors(response)
    assert len(errors) == 1 and expected in errors[0]

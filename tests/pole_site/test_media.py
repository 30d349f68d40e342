"""Images are served with cache headers that match how their addresses can change."""

import io

from django.core.cache import cache
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage

from pole_site.storage import RenditionStorage
from pole_site.views import ORIGINAL_IMAGE_CACHE_CONTROL, RENDITION_CACHE_CONTROL

CONTENT_TYPES = {"image/avif": b"ftypavif", "image/webp": b"WEBP", "image/jpeg": b"\xff\xd8"}


def home_picture_sources(client):
    html = BeautifulSoup(client.get("/").content, "html.parser")
    picture = html.select_one(".hero picture")
    sources = {source["type"]: source["srcset"] for source in picture.select("source")}
    sources["image/jpeg"] = picture.img["srcset"]
    return picture, sources


def urls_of(srcset):
    return [candidate.split()[0] for candidate in srcset.split(",")]


def test_renditions_are_cached_for_good(client, demo):
    _, sources = home_picture_sources(client)
    assert set(sources) == set(CONTENT_TYPES)
    for content_type, srcset in sources.items():
        urls = urls_of(srcset)
        assert len(urls) == 2
        for url in urls:
            assert url.startswith("/media/images/")
            response = client.get(url)
            assert response.status_code == 200
            assert response["Content-Type"] == content_type
            assert response["Cache-Control"] == RENDITION_CACHE_CONTROL
            assert "immutable" in response["Cache-Control"]
            assert CONTENT_TYPES[content_type] in b"".join(response.streaming_content)[:16]


def test_original_images_are_cached_for_a_day(client, demo):
    image = demo.hero_image
    response = client.get(image.file.url)
    assert image.file.url.startswith("/media/original_images/")
    assert response.status_code == 200
    assert response["Cache-Control"] == ORIGINAL_IMAGE_CACHE_CONTROL == "public, max-age=86400"


def test_a_revalidated_rendition_keeps_its_cache_headers(client, demo):
    _, sources = home_picture_sources(client)
    url = urls_of(sources["image/avif"])[0]
    last_modified = client.get(url)["Last-Modified"]
    response = client.get(url, headers={"If-Modified-Since": last_modified})
    assert response.status_code == 304
    assert response["Cache-Control"] == RENDITION_CACHE_CONTROL


@pytest.mark.parametrize("url", ["/media/images/absent.avif", "/media/original_images/absent.png"])
def test_missing_files_are_404(client, demo, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "immutable" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    "url",
    [
        "/media/images/../../etc/passwd",
        "/media/images/%2e%2e/%2e%2e/etc/passwd",
        "/media/original_images/..%2f..%2fsettings.py",
    ],
)
def test_paths_leaving_the_media_folder_are_refused(client, demo, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "immutable" not in response.get("Cache-Control", "")


def test_other_media_folders_are_not_served(client, demo):
    assert client.get("/media/documents/pole-metropolitain-en-bref.pdf").status_code == 404


def fresh_media(settings, tmp_path):
    """An empty media folder, and no rendition remembered from another test in the cache."""
    settings.MEDIA_ROOT = str(tmp_path)
    cache.clear()


def png(color):
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 320), color).save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def replace_file(image, upload):
    """What an editor does in the admin: upload a new file for an existing image."""
    form_class = get_image_form(get_image_model())
    form = form_class(
        {"title": image.title, "collection": image.collection_id},
        {"file": upload},
        instance=image,
    )
    assert form.is_valid(), form.errors
    return form.save()


def rendition_url_after_replacing(image, color):
    image = replace_file(get_image_model().objects.get(pk=image.pk), png(color))
    return get_image_model().objects.get(pk=image.pk).get_rendition("max-320x160|format-avif").url


def test_a_replaced_file_never_gets_a_rendition_address_used_before(
    db, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    """Replacing a logo twice by a file of the same name: with Wagtail's own naming the third
    version's renditions take the first version's addresses; here every version gets new ones."""
    fresh_media(settings, tmp_path)
    rendition_field = get_image_model().get_rendition_model()._meta.get_field("file")
    assert isinstance(rendition_field.storage, RenditionStorage)  # the site's setting
    image = get_image_model().objects.create(title="Logo", file=png("red"))
    seen = [image.get_rendition("max-320x160|format-avif").url]
    for color in ["green", "blue", "black"]:
        # Old files are deleted once the edit is committed, as in the admin.
        with django_capture_on_commit_callbacks(execute=True):
            url = rendition_url_after_replacing(image, color)
        assert url not in seen
        seen.append(url)


def test_wagtail_alone_would_reuse_a_rendition_address(
    db, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    """Why RenditionStorage exists (see pole_site/storage.py): with Wagtail's default storage."""
    fresh_media(settings, tmp_path)
    rendition_field = get_image_model().get_rendition_model()._meta.get_field("file")
    monkeypatch.setattr(rendition_field, "storage", FileSystemStorage())
    image = get_image_model().objects.create(title="Logo", file=png("red"))
    first = image.get_rendition("max-320x160|format-avif").url
    with django_capture_on_commit_callbacks(execute=True):
        rendition_url_after_replacing(image, "green")
    with django_capture_on_commit_callbacks(execute=True):
        assert rendition_url_after_replacing(image, "blue") == first

"""`{% responsive_image %}`: AVIF, WebP and a fallback in a few widths, or a plain <img> for SVG."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template

from wagtail.images import get_image_model

import pytest
from bs4 import BeautifulSoup

from pages.images import SIZES, rendition_specs
from tests.factories import NewsPageFactory

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">'
    b'<rect width="200" height="100" fill="#036"/></svg>'
)


def render(image, size, **attrs):
    arguments = " ".join(f'{name}="{value}"' for name, value in attrs.items())
    template = Template("{% load pole_tags %}{% responsive_image image size " + arguments + " %}")
    return BeautifulSoup(template.render(Context({"image": image, "size": size})), "html.parser")


@pytest.fixture
def photo(demo):
    return demo.hero_image


def test_a_picture_offers_avif_then_webp_then_a_jpeg_img(photo):
    html = render(photo, "card", alt="", loading="lazy", **{"class": "news-card__image"})
    sources = html.select("picture > source")
    assert [source["type"] for source in sources] == ["image/avif", "image/webp"]
    for source in sources:
        assert source["sizes"] == SIZES["card"].sizes
        assert len(source["srcset"].split(",")) == 2
    img = html.select_one("picture > img")
    assert img["src"].endswith(".jpg")
    assert (img["width"], img["height"]) == ("640", "360")
    assert img["alt"] == ""
    assert img["loading"] == "lazy"
    assert img["class"] == ["news-card__image"]
    assert img["sizes"] == SIZES["card"].sizes
    assert "style" not in img.attrs


def test_logos_fall_back_to_png_to_keep_their_transparency(demo):
    logo = get_image_model().objects.get(file__contains="nextmove")
    img = render(logo, "logo", alt="NextMove").select_one("picture > img")
    assert img["src"].endswith(".png")
    assert img["alt"] == "NextMove"


def test_an_svg_logo_gets_a_plain_img(demo):
    logo = get_image_model().objects.create(
        title="Logo vectoriel", file=SimpleUploadedFile("logo.svg", SVG, "image/svg+xml")
    )
    html = render(logo, "logo", alt="Logo vectoriel")
    assert html.select("picture") == []
    img = html.select_one("img")
    assert img["src"].endswith(".svg")
    assert img["alt"] == "Logo vectoriel"
    assert {rendition.filter_spec for rendition in logo.renditions.all()} == {"max-320x160"}


def test_the_listing_prefetch_covers_every_rendition_a_card_shows(client, demo, photo):
    NewsPageFactory(parent=demo.get_children().get(slug="actualites"), image=photo)
    client.get("/actualites/")
    stored = set(photo.renditions.values_list("filter_spec", flat=True))
    card_specs = set(SIZES["card"].specs)
    assert card_specs <= stored
    assert card_specs <= set(rendition_specs("card"))

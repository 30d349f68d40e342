"""Responsive images in Chromium: each <picture> loads AVIF, in the smallest width that is
still sharp at the width the layout draws it, on a phone and on a desktop screen.

This checks that the `sizes` of pages/images.py match static/css/main.css: a `sizes` too
small gives a blurry image, one too large a needlessly heavy download.
"""

import pytest

from tests.browser.conftest import DESKTOP, MOBILE

PAGES = {
    "home": "/",
    "listing": "/actualites/",
    "article": "/actualites/accords-cadres-signes-entre-la-region-et-les-poles-regionaux/",
    "partners": "/partenaires/",
    "partner": "/partenaires/nextmove/",
}
SCREENS = {
    "1280px": DESKTOP,
    "1280px-retina": {**DESKTOP, "device_scale_factor": 2},
    "375px-retina": {**MOBILE, "device_scale_factor": 2},
}


@pytest.fixture(scope="module")
def demo_site(demo_site):
    """The demo content, every news item with a photo (the demo's have none) so that the news
    cards show theirs. Set here, before the browser starts (conftest.py)."""
    from wagtail.images import get_image_model

    from news.models import NewsPage

    NewsPage.objects.update(image=get_image_model().objects.order_by("pk").first())
    return demo_site


PICTURES_JS = """() => Array.from(document.querySelectorAll("picture img")).map((img) => {
    const source = img.parentElement.querySelector('source[type="image/avif"]');
    return {
        className: img.className,
        drawn: img.getBoundingClientRect().width,
        loaded: img.currentSrc,
        candidates: source.srcset.split(",").map((candidate) => {
            const [url, width] = candidate.trim().split(" ");
            return {url, width: parseInt(width, 10)};
        }),
    };
})"""


@pytest.mark.parametrize("screen", SCREENS.values(), ids=SCREENS.keys())
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_pictures_load_avif_in_a_width_that_fits(open_page, demo_site, path, screen):
    page = open_page(**screen)
    assert page.goto(demo_site + path).status == 200
    # Lazy images below the fold load once scrolled to.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    pictures = page.evaluate(PICTURES_JS)
    assert pictures
    ratio = screen.get("device_scale_factor", 1)
    for picture in pictures:
        assert picture["loaded"].endswith(".avif"), picture
        needed = picture["drawn"] * ratio
        chosen = next(c for c in picture["candidates"] if picture["loaded"].endswith(c["url"]))
        sharp_enough = sorted(c["width"] for c in picture["candidates"] if c["width"] >= needed)
        # The smallest sharp candidate, or the widest there is when none is wide enough.
        expected = (
            sharp_enough[0] if sharp_enough else max(c["width"] for c in picture["candidates"])
        )
        assert chosen["width"] == expected, (picture, needed)

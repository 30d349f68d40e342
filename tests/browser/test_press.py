"""The press room in Chromium: the press room with a contact, a press kit with documents and a
photo, and releases, under axe at 1280 and 375 px; « Tout télécharger » and « Ajouter à mes
contacts » give their files; a release printed has no navigation and gives its links'
addresses."""

import re

from django.conf import settings

from wagtail.images import get_image_model

import pytest

from news.models import NewsPage, PressKitImage, PressKitPage, PressRoomContact, PressRoomPage
from pages.templatetags.pole_tags import filesize_fr
from tests.browser.checks import assert_page_passes
from tests.browser.conftest import DESKTOP, expect
from tests.factories import PressContactFactory

PRESS_ROOM = "/espace-presse/"
KIT = "/espace-presse/accords-cadres-signes-entre-la-region-et-les-poles-regionaux/"
RELEASE = "/actualites/soutien-renouvele-poles-de-competitivite-et-filieres/"  # seed 001
NEWS_WITH_FILES = "/actualites/accords-cadres-signes-entre-la-region-et-les-poles-regionaux/"


@pytest.fixture(scope="module")
def demo_site(demo_site):
    """The demo, plus a press contact (listed in the press room, named on the seed's press
    release), a source link on that release and a photo in the kit: the demo has none."""
    contact = PressContactFactory(
        name="Camille Martin",
        family_name="Martin",
        role="Chargée des relations presse",
        email="presse@example.invalid",
        phone="02 35 00 00 00",
        mobile_phone="06 12 34 56 78",
    )
    room = PressRoomPage.objects.get()
    room.press_contacts = [PressRoomContact(contact=contact, sort_order=0)]
    room.save_revision().publish()
    release = NewsPage.objects.get(slug=RELEASE.strip("/").rsplit("/", 1)[1])
    release.contact = contact
    release.source_name = "Exemple"
    release.source_url = "https://www.example.org/communique-du-12-mai-2021"
    release.save_revision().publish()
    kit = PressKitPage.objects.get()
    kit.images = [PressKitImage(image=get_image_model().objects.first(), sort_order=0)]
    kit.save_revision().publish()
    return demo_site


@pytest.mark.parametrize(
    "path",
    [PRESS_ROOM, KIT, RELEASE, NEWS_WITH_FILES],
    ids=["press-room", "press-kit", "release", "news-with-files"],
)
def test_press_pages_have_no_axe_violation_nor_overflow(page_at_width, demo_site, path):
    assert_page_passes(page_at_width, demo_site + path)


def test_download_all_gives_the_announced_zip(desktop_page, demo_site):
    page = desktop_page
    page.goto(demo_site + KIT)
    link = page.get_by_role("link", name=re.compile(r"^Tout télécharger"))
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == (
        "accords-cadres-signes-entre-la-region-et-les-poles-regionaux.zip"
    )
    with open(download.path(), "rb") as handle:
        body = handle.read()
    assert body.startswith(b"PK")
    expect(link).to_contain_text(f"(ZIP, {filesize_fr(len(body))})")


def test_add_to_my_contacts_gives_a_vcard(desktop_page, demo_site):
    page = desktop_page
    page.goto(demo_site + RELEASE)
    contact = page.get_by_role("region", name="Contact presse")
    expect(contact.get_by_role("link", name="02 35 00 00 00")).to_have_attribute(
        "href", "tel:+33-2-35-00-00-00"
    )
    link = contact.get_by_role("link", name="Ajouter à mes contacts : Camille Martin")
    response = page.request.get(demo_site + link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "text/vcard; charset=utf-8"
    assert "FN:Camille Martin" in response.text()


# --- On paper -------------------------------------------------------------------------------


def printed(open_page, demo_site, path):
    page = open_page(**DESKTOP)
    page.emulate_media(media="print")
    page.goto(demo_site + path)
    return page


def after(locator):
    """The text a link's ::after adds."""
    return locator.evaluate("(element) => getComputedStyle(element, '::after').content")


@pytest.mark.parametrize("path", [RELEASE, NEWS_WITH_FILES, KIT], ids=["release", "files", "kit"])
def test_a_printed_page_has_no_navigation(open_page, demo_site, path):
    page = printed(open_page, demo_site, path)
    for selector in [".skip-link", ".site-header", ".main-nav", ".breadcrumb", ".site-footer"]:
        expect(page.locator(selector)).to_have_count(1)
        expect(page.locator(selector)).to_be_hidden()
    expect(page.get_by_role("link", name="Courriel")).to_be_hidden()  # the share links
    for button in page.locator(".download-all").all():
        expect(button).to_be_hidden()
    # The article takes the page's whole width.
    article = page.locator("article.prose")
    assert article.evaluate("(element) => getComputedStyle(element).maxWidth") == "none"
    main = page.locator("main")
    assert abs(article.bounding_box()["width"] - main.bounding_box()["width"]) < 2


def test_a_printed_page_keeps_what_its_documents_are_and_gives_their_address(open_page, demo_site):
    page = printed(open_page, demo_site, NEWS_WITH_FILES)
    link = page.locator("a.document-link").first
    expect(link).to_be_visible()
    expect(link.locator(".document-link__meta")).to_have_text(re.compile(r"^\(PDF – \d+ ko\)$"))
    href = link.get_attribute("href")
    assert after(link) == f'" ({settings.SITE_URL.rstrip("/")}{href})"'


def test_a_printed_page_gives_the_address_of_its_links_out_of_the_site(open_page, demo_site):
    page = printed(open_page, demo_site, RELEASE)
    external = page.get_by_role("link", name=re.compile("^Consulter l'article"))
    expect(external).to_be_visible()
    assert after(external) == f'" ({external.get_attribute("href")})"'
    # On screen, nothing is added.
    page.emulate_media(media="screen")
    assert after(external) == "none"

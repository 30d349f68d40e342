"""The news section in Chromium: listing, news item, press release and press room under axe,
the filters without JavaScript and by keyboard, "Copier le lien", the feeds. The pagination,
which needs more items, is in test_news_pagination.py.

Same rules as the rest of the folder (see conftest.py): any console error fails a test, and
no test body touches the ORM.
"""

import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

from django.conf import settings

import pytest

from tests.browser.checks import assert_page_passes
from tests.browser.conftest import DESKTOP, expect

LISTING = "/actualites/"
NEWS_ITEM = "/actualites/accords-cadres-signes-entre-la-region-et-les-poles-regionaux/"
PRESS_RELEASE = "/actualites/soutien-renouvele-poles-de-competitivite-et-filieres/"
PRESS_RELEASE_TITLE = (
    "Pôle Métropolitain Rouen Seine Eure : soutien renouvelé aux pôles de compétitivité "
    "et filières du territoire"
)
PRESS_ROOM = "/espace-presse/"
# The results summary (role=status) for the "Communiqué de presse" filter: the demo has one.
# Playwright compares strings whitespace-normalized, as a screen reader reads them.
ONE_PRESS_RELEASE = "1 résultat pour le type « Communiqué de presse »"

PAGES = {
    "listing": LISTING,
    "listing-filtered": LISTING + "?type=actualite&annee=2019",
    "news-item": NEWS_ITEM,
    "press-release": PRESS_RELEASE,
    "press-room": PRESS_ROOM,
    "photo-library": PRESS_ROOM + "phototheque/",
}

FEED_ROOTS = {
    "application/rss+xml": "rss",
    "application/atom+xml": "{http://www.w3.org/2005/Atom}feed",
}


def news_cards(page):
    return page.locator(".news-list > li")


def filter_form(page):
    return page.get_by_role("form", name="Filtrer les actualités")


def results_summary(page):
    return page.locator(".results-summary[role=status]")


def tab_until(page, selector, max_presses=60):
    """Press Tab until the element matching `selector` has focus, as a keyboard user would."""
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    pytest.fail(f"{selector} jamais atteint après {max_presses} appuis sur Tab")


# --- Every page of the section, at 1280 and 375 px ------------------------------------------


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_news_page_has_no_axe_violation_nor_overflow(page_at_width, demo_site, path):
    assert_page_passes(page_at_width, demo_site + path)
    if path == PAGES["listing-filtered"]:
        # The filters really applied: the demo has one news item from 2019.
        expect(news_cards(page_at_width)).to_have_count(1)


# --- Filters --------------------------------------------------------------------------------


def test_filters_work_without_javascript(open_page, demo_site):
    page = open_page(java_script_enabled=False, **DESKTOP)
    page.goto(demo_site + LISTING)
    expect(page.locator("html")).to_have_class(re.compile(r"\bno-js\b"))
    expect(news_cards(page)).to_have_count(4)

    form = filter_form(page)
    form.get_by_label("Type", exact=True).select_option(label="Communiqué de presse")
    form.get_by_role("button", name="Filtrer").click()

    page.wait_for_url(re.compile(r"[?&]type=communique(&|$)"))
    assert parse_qs(urlsplit(page.url).query)["type"] == ["communique"]
    expect(news_cards(page)).to_have_count(1)
    expect(news_cards(page).get_by_role("link")).to_have_text(PRESS_RELEASE_TITLE)
    expect(results_summary(page)).to_contain_text(ONE_PRESS_RELEASE)
    # The form shows what is applied, and offers the way back.
    expect(form.get_by_label("Type", exact=True)).to_have_value("communique")
    expect(form.get_by_role("link", name="Tout afficher")).to_have_attribute("href", LISTING)


def test_filters_by_keyboard_only(desktop_page, demo_site):
    page = desktop_page
    page.goto(demo_site + LISTING)
    form = filter_form(page)

    tab_until(page, "#filtre-type")
    # Focus can be seen (WCAG 2.4.7): the site's :focus-visible outline.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    # On a closed <select>, arrows change the value: "Tous les types" → "Actualité" → "Communiqué".
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(form.get_by_label("Type", exact=True)).to_have_value("communique")

    # Every other select is on the way to the button, in the visual order.
    page.keyboard.press("Tab")
    expect(form.get_by_label("Thème", exact=True)).to_be_focused()
    page.keyboard.press("Tab")
    expect(form.get_by_label("Année", exact=True)).to_be_focused()
    tab_until(page, "form.filters button[type=submit]", max_presses=3)
    button = form.get_by_role("button", name="Filtrer")
    expect(button).to_be_focused()

    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"[?&]type=communique(&|$)"))
    expect(news_cards(page)).to_have_count(1)
    expect(results_summary(page)).to_contain_text(ONE_PRESS_RELEASE)


# --- Share links ----------------------------------------------------------------------------


def share_section(page):
    return page.get_by_role("region", name="Partager cette page")


def test_copy_link_copies_the_page_address(open_page, demo_site):
    page = open_page(**DESKTOP)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=demo_site)
    page.goto(demo_site + NEWS_ITEM)
    share = share_section(page)
    button = share.get_by_role("button", name="Copier le lien")
    expect(button).to_be_visible()

    button.click()
    expect(share.get_by_role("status")).to_have_text("Lien copié.")
    copied = page.evaluate("navigator.clipboard.readText()")
    # The public address (SITE_URL), not the live server's: what a reader shares must work.
    assert copied == button.get_attribute("data-copy-link")
    assert copied == settings.SITE_URL + NEWS_ITEM


def test_share_links_without_javascript(open_page, demo_site):
    page = open_page(java_script_enabled=False, **DESKTOP)
    page.goto(demo_site + NEWS_ITEM)
    share = share_section(page)
    expect(share.get_by_role("button", name="Copier le lien")).to_be_hidden()
    expect(share.get_by_role("status")).to_be_hidden()

    links = share.get_by_role("link")
    expect(links).to_have_count(5)
    expect(share.get_by_role("link", name="Courriel")).to_have_attribute(
        "href", re.compile(r"^mailto:\?subject=.+&body=http")
    )
    for network in ["LinkedIn", "Facebook", "X", "Bluesky"]:
        link = share.get_by_role("link", name=f"{network} (site externe)", exact=True)
        expect(link).to_be_visible()
        expect(link).to_have_attribute("href", re.compile(r"^https://"))
        expect(link).to_have_attribute("href", re.compile(re.escape(NEWS_ITEM)))


# --- Feeds ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [LISTING, NEWS_ITEM, PRESS_ROOM], ids=["listing", "item", "room"])
def test_feeds_are_advertised_and_serve_xml(desktop_page, demo_site, path):
    page = desktop_page
    page.goto(demo_site + path)
    feeds = page.eval_on_selector_all(
        "head link[rel=alternate]",
        "(links) => links.map((link) => ({type: link.type, href: link.href, title: link.title}))",
    )
    types = {feed["type"] for feed in feeds}
    assert {"application/rss+xml", "application/atom+xml"} <= types, feeds

    for feed in feeds:
        assert feed["title"], feed  # what a feed reader offers the visitor to pick from
        response = page.request.get(feed["href"])
        assert response.status == 200, feed
        assert response.headers["content-type"].startswith(feed["type"]), feed
        # Our own server's output, just fetched over loopback.
        root = ET.fromstring(response.body())  # noqa: S314
        assert root.tag == FEED_ROOTS[feed["type"]], feed
        entries = root.findall("channel/item") or root.findall("{http://www.w3.org/2005/Atom}entry")
        assert entries, feed

"""The header on phones: brand and two buttons, the search and menu behind « Menu »; the page's
title within the first screen; everything reachable by keyboard and without JavaScript; text
that grows or spaces out reflows."""

import pytest

from tests.browser.checks import assert_no_axe_violations, assert_no_horizontal_overflow
from tests.browser.conftest import DESKTOP, MOBILE, expect

SMALL = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}
# A page of each kind: home, a listing, an article, an editorial page, a partner, the search.
PAGES = [
    "/",
    "/actualites/",
    "/actualites/soutien-renouvele-poles-de-competitivite-et-filieres/",
    "/le-pole/",
    "/partenaires/polepharma/",
    "/recherche/?q=p%C3%B4le",
]
# WCAG 1.4.12: line height 1.5, paragraph spacing 2, letter spacing 0.12, word spacing 0.16.
TEXT_SPACING_CSS = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"""


def box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("path", PAGES)
def test_on_a_phone_the_header_is_compact_and_the_title_on_the_first_screen(
    open_page, demo_site, path
):
    page = open_page(**MOBILE)
    page.goto(demo_site + path)
    assert box(page, ".site-header")["height"] <= 160
    assert box(page, "h1")["y"] < 300
    expect(page.locator("#menu-principal")).to_be_hidden()
    expect(page.locator("#recherche-entete")).to_be_hidden()
    assert_no_horizontal_overflow(page)


@pytest.mark.parametrize("path", PAGES)
def test_nothing_scrolls_sideways_at_320_px(open_page, demo_site, path):
    page = open_page(**SMALL)
    page.goto(demo_site + path)
    assert_no_horizontal_overflow(page)
    page.get_by_role("button", name="Menu").click()
    assert_no_horizontal_overflow(page)


def test_the_menu_opens_by_keyboard_and_escape_gives_the_focus_back(open_page, demo_site):
    page = open_page(**MOBILE)
    page.goto(demo_site + "/le-pole/")
    button = page.get_by_role("button", name="Menu")
    expect(button).to_have_attribute("aria-expanded", "false")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    navigation = page.get_by_role("navigation", name="Menu principal")
    expect(navigation.get_by_role("link", name="Actualités")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Rechercher sur le site")).to_be_visible()
    assert_no_axe_violations(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(navigation).to_be_hidden()


def test_without_javascript_the_menu_and_search_stay_reachable(open_page, demo_site):
    page = open_page(java_script_enabled=False, **MOBILE)
    page.goto(demo_site + "/le-pole/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    navigation = page.get_by_role("navigation", name="Menu principal")
    expect(navigation.get_by_role("link", name="Actualités")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Rechercher sur le site")).to_be_visible()
    assert_no_horizontal_overflow(page)


def test_on_a_desktop_the_header_is_unchanged(open_page, demo_site):
    page = open_page(**DESKTOP)
    page.goto(demo_site + "/le-pole/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Menu principal")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Rechercher sur le site")).to_be_visible()
    brand, search = box(page, ".site-header__brand"), box(page, "#recherche-entete")
    assert abs((brand["y"] + brand["height"] / 2) - (search["y"] + search["height"] / 2)) < 40


@pytest.mark.parametrize("path", PAGES)
def test_text_spacing_at_320_px_keeps_everything_in_the_window(open_page, demo_site, path):
    # The visitor's own stylesheet, as a browser extension applies it: the site's CSP is for
    # the site's code, not the reader's.
    page = open_page(bypass_csp=True, **SMALL)
    page.goto(demo_site + path)
    page.add_style_tag(content=TEXT_SPACING_CSS)
    assert_no_horizontal_overflow(page)


@pytest.mark.parametrize("path", PAGES)
def test_text_at_200_percent_reflows(open_page, demo_site, path):
    page = open_page(bypass_csp=True, **DESKTOP)
    page.goto(demo_site + path)
    page.add_style_tag(content="html { font-size: 200% !important; }")
    assert_no_horizontal_overflow(page)


def test_the_home_pages_service_cards_show_the_focus_ring(open_page, demo_site):
    page = open_page(**DESKTOP)
    page.goto(demo_site + "/")
    card = page.locator(".quick-link--card").first
    card.focus()
    shadow = card.evaluate("element => getComputedStyle(element).boxShadow")
    assert "rgb(255, 191, 71)" in shadow, shadow

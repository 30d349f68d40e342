"""The search, as a citizen uses it in Chromium: from the header, with the keyboard, with axe."""

import re

import pytest

from tests.browser.checks import assert_page_passes
from tests.browser.conftest import DESKTOP, expect


@pytest.mark.parametrize("query", ["pole", "zzyzxqwv"], ids=["results", "no-results"])
def test_search_page_has_no_axe_violation(page_at_width, demo_site, query):
    assert_page_passes(page_at_width, f"{demo_site}/recherche/?q={query}")
    expect(page_at_width.get_by_role("status")).to_contain_text("résultat")


def test_searching_from_the_header_with_the_keyboard(desktop_page, demo_site):
    page = desktop_page
    page.goto(demo_site + "/mentions-legales/")
    box = page.get_by_role("banner").get_by_role("searchbox", name="Rechercher sur le site")
    box.focus()
    page.keyboard.type("territoires d'industrie")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/recherche/\?q=territoires"))
    first = page.locator("ol.search-results .search-result").first
    expect(first.get_by_role("link")).to_have_text(re.compile("territoires d'industrie", re.I))
    expect(first.locator("mark").first).to_be_visible()
    expect(page.locator("#recherche-q")).to_have_value("territoires d'industrie")


def test_type_filter_works_without_javascript(open_page, demo_site):
    page = open_page(java_script_enabled=False, **DESKTOP)
    page.goto(demo_site + "/recherche/?q=competitivite")
    page.get_by_label("Type de contenu").select_option(label="Partenaires")
    page.get_by_role("main").get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r"type=partenaires"))
    links = page.locator("ol.search-results .search-result__title a")
    expect(links.first).to_be_visible()
    for href in links.evaluate_all("(links) => links.map((link) => link.getAttribute('href'))"):
        assert href.startswith("/partenaires/"), href

"""Every page type of the `pages` app, in Chromium with axe, and the "Vos services" menu."""

import re

import pytest

from tests.browser.checks import assert_no_axe_violations, assert_page_passes
from tests.browser.conftest import DESKTOP, expect

PAGE_TYPES = {
    "home": "/",
    "presentation": "/le-pole/",
    "standard": "/accessibilite/",
    "site-map": "/plan-du-site/",
}


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_type_has_no_axe_violation(page_at_width, demo_site, path):
    assert_page_passes(page_at_width, demo_site + path)


def test_quick_links_menu_by_keyboard_only(desktop_page, demo_site):
    page = desktop_page
    page.goto(demo_site + "/mentions-legales/")
    button = page.get_by_role("button", name="Vos services en 1 clic")
    panel = page.locator("#menu-vos-services")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(panel).to_be_hidden()
    # The no-JavaScript link has given way to the button.
    expect(page.locator(".quick-menu__fallback")).to_be_hidden()

    # Tab from the top of the page until the button has focus, as a keyboard user would.
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-disclosure-button')"):
            break
    expect(button).to_be_focused()

    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(panel).to_be_visible()
    assert_no_axe_violations(page)

    page.keyboard.press("Tab")
    expect(panel.get_by_role("link").first).to_be_focused()
    page.keyboard.press("Tab")
    expect(panel.get_by_role("link").nth(1)).to_be_focused()
    # External links say so to screen-reader users.
    expect(panel.get_by_role("link", name=re.compile(r"\(site externe\)$"))).to_have_count(2)

    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()

    # Space opens it too; following a link leads to the page.
    page.keyboard.press("Space")
    expect(panel).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(demo_site + "/le-pole/")


def test_quick_links_work_without_javascript(open_page, demo_site):
    page = open_page(java_script_enabled=False, **DESKTOP)
    page.goto(demo_site + "/mentions-legales/")
    expect(page.get_by_role("button", name="Vos services en 1 clic")).to_be_hidden()
    link = page.get_by_role("link", name="Vos services en 1 clic")
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(demo_site + "/#vos-services")
    grid = page.locator("#vos-services")
    expect(grid.get_by_role("heading", name="Vos services en 1 clic")).to_be_visible()
    expect(grid.locator(".quick-link--card")).to_have_count(11)  # the demo's quick links

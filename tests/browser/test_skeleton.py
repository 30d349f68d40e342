"""What a citizen notices first: the home page and the 404, by keyboard, on a phone, without JS.

Each check runs in Chromium against the demo content, under the site's real CSP; any console
error (a blocked inline script or style included) fails the test, see conftest.py.
"""

import re

import pytest

from tests.browser.checks import assert_no_axe_violations, assert_no_horizontal_overflow
from tests.browser.conftest import DESKTOP, expect

MISSING_PATH = "/cette-page-n-existe-pas/"


def open_missing_page(page, base_url, console_watch):
    """Open a URL that matches no page, telling the console watch the 404 is on purpose."""
    url = base_url + MISSING_PATH
    console_watch.expect_failed_load(url, 404)
    return page.goto(url)


def test_home_page_structure(page_at_width, demo_site):
    """The basics assistive technologies and search engines rely on, at both widths."""
    page = page_at_width
    response = page.goto(demo_site + "/")

    assert response.status == 200
    # The console check below is only meaningful if the strict policy is really in force.
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    # site.js ran: same-origin scripts load under the policy.
    expect(page.locator("html")).to_have_class(re.compile(r"\bjs\b"))
    expect(page.locator("body")).to_have_class(re.compile(r"\bpage-home\b"))
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_have_text(re.compile(r"\S"))
    if page.viewport_size["width"] < 768:  # on a phone the search waits behind « Menu »
        page.get_by_role("button", name="Menu").click()
    header_search = page.get_by_role("banner").get_by_role("search")
    expect(header_search).to_be_visible()
    expect(header_search.get_by_role("searchbox", name="Rechercher sur le site")).to_be_visible()


def test_skip_link_is_the_first_tab_stop(page_at_width, demo_site):
    """Keyboard and screen-reader users jump over the header to the content (RGAA 12.7)."""
    page = page_at_width
    page.goto(demo_site + "/")

    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    expect(skip_link).to_have_attribute("href", "#contenu")
    expect(skip_link).to_have_text("Aller au contenu")
    # Hidden off-screen until focused: a sighted keyboard user must see where focus is.
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#contenu$"))
    expect(page.get_by_role("main")).to_be_focused()


def test_missing_page_says_so_and_offers_a_search(page_at_width, demo_site, console_watch):
    """A mistyped or outdated link must not be a dead end: say so, offer a way on."""
    page = page_at_width
    response = open_missing_page(page, demo_site, console_watch)

    assert response.status == 404
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_have_text("Page introuvable")
    expect(page).to_have_title(re.compile(r"^Page introuvable"))
    search = page.get_by_role("main").get_by_role("search")
    expect(search.get_by_role("searchbox", name="Rechercher sur le site")).to_be_visible()
    expect(search.get_by_role("button", name="Rechercher")).to_be_visible()


def test_missing_page_has_no_axe_violations(page_at_width, demo_site, console_watch):
    open_missing_page(page_at_width, demo_site, console_watch)
    assert_no_axe_violations(page_at_width)


def test_home_page_works_without_javascript(open_page, demo_site):
    """The site is server-rendered; JavaScript only enhances (README, "What the site is")."""
    page = open_page(java_script_enabled=False, **DESKTOP)
    response = page.goto(demo_site + "/")

    assert response.status == 200
    # Proves JavaScript really was off: site.js would have swapped no-js for js.
    expect(page.locator("html")).to_have_class(re.compile(r"\bno-js\b"))
    expect(page.locator("body")).to_have_class(re.compile(r"\bpage-home\b"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"\S"))
    header_search = page.get_by_role("banner").get_by_role("search")
    expect(header_search.get_by_role("searchbox", name="Rechercher sur le site")).to_be_visible()
    expect(header_search.get_by_role("button", name="Rechercher")).to_be_visible()


@pytest.mark.parametrize("path", ["/", MISSING_PATH], ids=["accueil", "404"])
def test_no_horizontal_scrolling_on_a_phone(mobile_page, demo_site, console_watch, path):
    """Content reflows at 375 px instead of making the reader scroll sideways (WCAG 1.4.10)."""
    if path == MISSING_PATH:
        open_missing_page(mobile_page, demo_site, console_watch)
    else:
        mobile_page.goto(demo_site + path)

    assert mobile_page.viewport_size["width"] == 375
    assert_no_horizontal_overflow(mobile_page)


def test_inline_code_is_blocked_and_would_fail_a_test(desktop_page, demo_site, console_watch):
    """Guards the guard: the site's CSP blocks inline code and the console watch reports it.

    Without this check, a change in how Chromium reports CSP violations would silently turn
    the "no console error" rule of every test above into a no-op.
    """

    def inject_inline_code(route, request):
        response = route.fetch()  # the real page, with the site's real CSP header
        inline = "<style>body { color: red; }</style><script>document.title = 'injecté';</script>"
        body = response.text().replace("</body>", inline + "</body>")
        route.fulfill(response=response, body=body)

    desktop_page.route(demo_site + "/", inject_inline_code)
    desktop_page.goto(demo_site + "/")

    expect(desktop_page).not_to_have_title("injecté")
    errors = "\n".join(console_watch.take_errors())
    assert "Content Security Policy directive 'script-src" in errors
    assert "Content Security Policy directive 'style-src" in errors

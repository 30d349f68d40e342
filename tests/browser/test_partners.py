"""The partners section in Chromium: axe at both widths, filters without JavaScript."""

import pytest

from tests.browser.checks import assert_page_passes
from tests.browser.conftest import DESKTOP, expect


@pytest.mark.parametrize(
    "path",
    ["/partenaires/", "/partenaires/polepharma/", "/partenaires/?domaine=pharmacie&type=cluster"],
    ids=["index", "partner", "filtered"],
)
def test_partner_pages_have_no_axe_violation(page_at_width, demo_site, path):
    assert_page_passes(page_at_width, demo_site + path)


def test_partner_filter_works_without_javascript(open_page, demo_site):
    page = open_page(java_script_enabled=False, **DESKTOP)
    page.goto(demo_site + "/partenaires/")
    page.get_by_label("Type de structure").select_option(label="Pôle de compétitivité")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url("**/partenaires/?*type=pole*")
    expect(page.get_by_role("status")).to_contain_text("3 partenaires")
    expect(page.locator(".partner-card")).to_have_count(3)

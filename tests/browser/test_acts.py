"""The register of acts in Chromium: axe at both widths, the search without JavaScript, and
the signed PDF as downloaded matching the fingerprint the act's page shows."""

import hashlib

import pytest

from tests.browser.checks import assert_page_passes
from tests.browser.conftest import DESKTOP, expect

REGISTER = "/actes/"
MEETING = "/actes/conseil-syndical-2021-05-12/"
ACT = "/actes/deliberation-2021-05-12-feuilles-de-route-2021/"
ACT_TITLE = "Feuilles de route 2021 des pôles de compétitivité et filières du territoire"


@pytest.mark.parametrize(
    "path",
    [REGISTER, "/actes/?annee=2021&nature=deliberation", MEETING, ACT],
    ids=["register", "filtered", "meeting", "act"],
)
def test_acts_pages_have_no_axe_violation(page_at_width, demo_site, path):
    assert_page_passes(page_at_width, demo_site + path)


def test_register_search_works_without_javascript(open_page, demo_site):
    page = open_page(java_script_enabled=False, **DESKTOP)
    page.goto(demo_site + REGISTER)
    page.get_by_label("Rechercher dans l'objet et le texte des actes").fill("feuilles")
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_url("**/actes/?*q=feuilles*")
    expect(page.get_by_role("status")).to_contain_text("1 acte")
    register = page.locator(".acts-register")
    expect(register.get_by_role("link", name=ACT_TITLE, exact=True)).to_have_attribute("href", ACT)


def test_the_signed_pdf_downloaded_has_the_fingerprint_shown(desktop_page, demo_site):
    page = desktop_page
    page.goto(demo_site + ACT)
    shown = page.locator("code.act-version__hash")
    expect(shown).to_have_count(1)
    fingerprint = shown.inner_text().strip()
    assert len(fingerprint) == 64, fingerprint

    link = page.get_by_role("link", name="Télécharger l'acte signé")
    href = link.get_attribute("href")
    assert href == ACT + "document/1/"
    response = page.request.get(demo_site + href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body.startswith(b"%PDF-")
    assert hashlib.sha256(body).hexdigest() == fingerprint

"""The contact form in Chromium: axe before and after errors, the error summary by keyboard,
and a message sent with JavaScript turned off."""

import re

from tests.browser.checks import assert_no_axe_violations, assert_page_passes
from tests.browser.conftest import DESKTOP, expect

PATH = "/contact/"


def test_contact_form_has_no_axe_violation(page_at_width, demo_site):
    assert_page_passes(page_at_width, demo_site + PATH)


def test_empty_form_shows_a_summary_that_leads_to_each_field(page_at_width, demo_site):
    page = page_at_width
    page.goto(demo_site + PATH)
    page.get_by_role("button", name="Envoyer le message").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()  # autofocus: read first, without JavaScript too
    expect(page).to_have_title(re.compile(r"^Erreur : Contact"))
    expect(summary.get_by_role("heading")).to_have_text("Le formulaire contient 5 erreurs")
    expect(summary.get_by_role("link")).to_have_count(5)
    assert_no_axe_violations(page)

    summary.get_by_role("link").first.click()
    name = page.get_by_label("Nom (obligatoire)")
    expect(name).to_be_focused()
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Nom (obligatoire)")).to_be_in_viewport()  # label not scrolled away

    summary.get_by_role("link").last.click()
    consent = page.get_by_role("checkbox")
    expect(consent).to_be_focused()
    # The next Tab skips the honeypot and reaches the button.
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Envoyer le message")).to_be_focused()
    expect(page.locator("#contact-site-web")).not_to_be_in_viewport()


def test_form_is_sent_without_javascript(open_page, demo_site):
    page = open_page(java_script_enabled=False, **DESKTOP)
    page.goto(demo_site + PATH)
    page.get_by_label("Nom (obligatoire)").fill("Camille Martin")
    page.get_by_label("Adresse électronique (obligatoire)").fill("camille@example.org")
    page.get_by_label("Objet (obligatoire)").fill("Visite")
    page.get_by_label("Message (obligatoire)").fill("Bonjour,\nune question sur le Pôle.")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Envoyer le message").click()
    expect(page.locator("h1")).to_have_text("Message envoyé")
    expect(page.locator('meta[name="robots"]')).to_have_attribute("content", "noindex")
    page.get_by_role("link", name="Retour à l'accueil").click()
    page.wait_for_url(demo_site + "/")

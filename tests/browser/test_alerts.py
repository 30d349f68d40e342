"""The e-mail alerts' pages in Chromium: axe and reflow at both widths on the form (empty and
with errors), the confirmation and the unsubscribe pages, and the whole subscription with
JavaScript turned off."""

import re

import pytest

from alerts.models import Scope, Subscriber
from alerts.tokens import confirmation_token
from tests.browser.checks import (
    assert_no_axe_violations,
    assert_no_horizontal_overflow,
    assert_page_passes,
)
from tests.browser.conftest import DESKTOP, expect

FORM = "/alertes/"
# The links a subscriber follows, made by `demo_site` (the test bodies may not use the ORM).
LINKS = {}


@pytest.fixture(scope="module")
def demo_site(demo_site):
    """The demo, plus two subscribers waiting for their confirmation: one whose pages are
    checked, one who confirms then unsubscribes."""
    for name, email in [("", "journaliste@redaction.example"), ("-2", "pigiste@example.org")]:
        subscriber = Subscriber.objects.create(email=email)
        token = confirmation_token(subscriber, Scope.ALL_NEWS)
        LINKS["confirm" + name] = f"/alertes/confirmation/{token}/"
        LINKS["unsubscribe" + name] = f"/alertes/desinscription/{subscriber.key}/"
    return demo_site


@pytest.mark.parametrize("link", ["form", "confirm", "unsubscribe"])
def test_alerts_pages_have_no_axe_violation(page_at_width, demo_site, link):
    assert_page_passes(page_at_width, demo_site + {"form": FORM, **LINKS}[link])


def test_a_bad_link_page_has_no_axe_violation(page_at_width, demo_site, console_watch):
    url = demo_site + "/alertes/desinscription/inconnue/"
    console_watch.expect_failed_load(url, 404)
    page = page_at_width
    assert page.goto(url).status == 404
    expect(page.locator("h1")).to_have_text("Abonnement introuvable")
    assert_no_axe_violations(page)
    assert_no_horizontal_overflow(page)


def test_the_form_with_errors_has_no_axe_violation(page_at_width, demo_site):
    page = page_at_width
    page.goto(demo_site + FORM)
    page.get_by_label("Adresse électronique (obligatoire)").fill("pas-une-adresse")
    page.get_by_role("button", name="M'abonner").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("Le formulaire contient 1 erreur")
    assert_no_axe_violations(page)
    summary.get_by_role("link").click()
    expect(page.get_by_label("Adresse électronique (obligatoire)")).to_be_focused()


def test_subscribing_works_without_javascript(open_page, demo_site):
    page = open_page(java_script_enabled=False, **DESKTOP)
    page.goto(demo_site + "/espace-presse/")
    page.get_by_role("link", name="abonnez-vous aux alertes").click()
    page.wait_for_url(demo_site + FORM)
    page.get_by_label("Adresse électronique (obligatoire)").fill("redaction@example.org")
    page.get_by_label("Toutes les actualités, communiqués de presse compris").check()
    page.get_by_role("button", name="M'abonner").click()
    expect(page.locator("h1")).to_have_text("Vérifiez votre messagerie")
    expect(page.locator('meta[name="robots"]')).to_have_attribute("content", "noindex")


def test_confirming_and_unsubscribing_work_without_javascript(open_page, demo_site):
    page = open_page(java_script_enabled=False, **DESKTOP)
    page.goto(demo_site + LINKS["confirm-2"])
    page.get_by_role("button", name="Confirmer mon abonnement").click()
    expect(page.locator("h1")).to_have_text("Abonnement confirmé")
    expect(page.locator("main")).to_contain_text(re.compile("toutes les actualités"))
    page.goto(demo_site + LINKS["unsubscribe-2"])
    page.get_by_role("button", name="Me désabonner").click()
    expect(page.locator("h1")).to_have_text("Désabonnement")
    expect(page.locator("main")).to_contain_text("votre adresse a été effacée")

"""The agenda in Chromium: axe and reflow at both widths on every kind of agenda page, with
events to come of every shape (timed, over several days, cancelled), the filters without
JavaScript, and « Ajouter à mon agenda » giving a calendar file."""

import datetime

from django.utils import timezone

import pytest

from agenda.models import EventCategory, EventIndexPage, EventStatus
from partners.models import PartnerPage
from tests.browser.checks import assert_page_passes
from tests.browser.conftest import DESKTOP, expect
from tests.factories import EventPageFactory

DEMO_EVENT = "/agenda/conseil-syndical-2021-05-12/"


@pytest.fixture(scope="module")
def demo_site(demo_site):
    """The demo, plus three events to come: the demo's only event is past."""
    index = EventIndexPage.objects.get()
    soon = timezone.localdate() + datetime.timedelta(days=10)
    forum = EventCategory.objects.get(slug="forum")
    timed = EventPageFactory(
        parent=index,
        title="Forum des filières industrielles",
        slug="forum-des-filieres",
        category=forum,
        start_date=soon,
        start_time=datetime.time(17),
        end_time=datetime.time(19, 30),
        place_name="Kindarena",
        place_address="40 rue de Lillebonne\n76000 Rouen",
        online_url="https://video.example.invalid/forum",
        organiser="Pôle Métropolitain Rouen Seine Eure",
        registration_url="https://inscription.example.invalid/forum",
        registration_deadline=soon,
    )
    timed.related_partners.set(PartnerPage.objects.filter(slug="lsn"))
    EventPageFactory(
        parent=index,
        title="Rencontres de la logistique sur trois jours",
        slug="rencontres-logistique",
        category=EventCategory.objects.get(slug="evenement-public"),
        start_date=soon + datetime.timedelta(days=20),
        end_date=soon + datetime.timedelta(days=22),
    )
    EventPageFactory(
        parent=index,
        title="Signature annulée",
        slug="signature-annulee",
        category=EventCategory.objects.get(slug="signature"),
        start_date=soon + datetime.timedelta(days=5),
        status=EventStatus.CANCELLED,
        status_note="La signature aura lieu à une date qui sera annoncée prochainement",
    )
    return demo_site


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/agenda/",
        "/agenda/?categorie=forum&mois=zz",
        "/agenda/archives/2021/",
        DEMO_EVENT,
        "/agenda/forum-des-filieres/",
        "/agenda/signature-annulee/",
        "/agenda/rencontres-logistique/",
        "/partenaires/lsn/",
        "/actes/conseil-syndical-2021-05-12/",
    ],
    ids=[
        "home",
        "agenda",
        "filtered",
        "archive",
        "demo-event",
        "timed",
        "cancelled",
        "several-days",
        "partner",
        "seance",
    ],
)
def test_agenda_pages_have_no_axe_violation(page_at_width, demo_site, path):
    assert_page_passes(page_at_width, demo_site + path)


def test_the_filters_work_without_javascript(open_page, demo_site):
    page = open_page(java_script_enabled=False, **DESKTOP)
    page.goto(demo_site + "/agenda/")
    page.get_by_label("Catégorie").select_option(label="Forum")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url("**/agenda/?categorie=forum*")
    expect(page.get_by_role("status")).to_contain_text("1 événement")
    expect(page.locator(".event-list .card__title a")).to_have_text(
        ["Forum des filières industrielles"]
    )


def test_add_to_my_calendar_gives_a_calendar_file(desktop_page, demo_site):
    page = desktop_page
    page.goto(demo_site + "/agenda/forum-des-filieres/")
    link = page.get_by_role("link", name="Ajouter à mon agenda")
    response = page.request.get(demo_site + link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    body = response.text()
    assert "BEGIN:VEVENT" in body and "SUMMARY:Forum des filières industrielles" in body

"""The agenda as visitors browse it: upcoming events soonest first until midnight Paris time
after they end, then the yearly archive newest first; filters, pages, bad addresses."""

import datetime

import pytest
import time_machine

from agenda.models import EventStatus
from partners.models import PartnerPage
from tests.agenda.helpers import AGENDA, DEMO_EVENT, category, paris, publish_event
from tests.news.helpers import clean, soup


def titles(response):
    return [clean(a) for a in soup(response).select(".event-list .card__title a")]


@pytest.fixture
def december(demo):
    """1 December 2026 at noon in Paris, with events on either side of it."""
    with time_machine.travel(paris(2026, 12, 1, 12), tick=False):
        publish_event(title="Hier", start_date=datetime.date(2026, 11, 30))
        publish_event(title="Aujourd'hui", start_date=datetime.date(2026, 12, 1))
        publish_event(
            title="Forum de demain",
            start_date=datetime.date(2026, 12, 2),
            category=category("forum"),
            partners=PartnerPage.objects.filter(slug="lsn"),
        )
        publish_event(
            title="Sur trois jours",
            start_date=datetime.date(2026, 12, 30),
            end_date=datetime.date(2027, 1, 1),
        )
        publish_event(title="En février", start_date=datetime.date(2027, 2, 3))
        yield


def test_upcoming_events_come_soonest_first_and_the_past_by_year_newest_first(client, december):
    with time_machine.travel(paris(2026, 12, 1, 12), tick=False):
        assert titles(client.get(AGENDA)) == [
            "Aujourd'hui",
            "Forum de demain",
            "Sur trois jours",
            "En février",
        ]
        assert titles(client.get(AGENDA + "archives/2026/")) == ["Hier"]
        assert titles(client.get(AGENDA + "archives/2021/")) == ["Conseil syndical du 12 mai 2021"]
        response = client.get(AGENDA + "archives/")
        assert response.status_code == 302 and response["Location"].endswith("/archives/2026/")


def test_an_event_is_upcoming_until_midnight_paris_time_after_it_ends(client, december):
    # 23:59 in Paris on 1 December is 22:59 UTC; one minute after midnight in Paris is
    # still 1 December in UTC: the boundary is Paris's.
    with time_machine.travel(paris(2026, 12, 1, 23, 59), tick=False):
        assert "Aujourd'hui" in titles(client.get(AGENDA))
        assert client.get(AGENDA + "archives/2026/").status_code == 200
        assert "Aujourd'hui" not in titles(client.get(AGENDA + "archives/2026/"))
    with time_machine.travel(paris(2026, 12, 2, 0, 1), tick=False):
        assert datetime.datetime.now(datetime.UTC).day == 1
        assert "Aujourd'hui" not in titles(client.get(AGENDA))
        assert titles(client.get(AGENDA + "archives/2026/")) == ["Aujourd'hui", "Hier"]
    # A three-day event stays upcoming until its last day is over.
    with time_machine.travel(paris(2027, 1, 1, 23, 59), tick=False):
        assert titles(client.get(AGENDA))[0] == "Sur trois jours"


def test_the_filters_narrow_the_agenda(client, december):
    with time_machine.travel(paris(2026, 12, 1, 12), tick=False):
        assert titles(client.get(AGENDA, {"categorie": "forum"})) == ["Forum de demain"]
        assert titles(client.get(AGENDA, {"partenaire": "lsn"})) == ["Forum de demain"]
        # An event over the turn of the year is in both months.
        assert titles(client.get(AGENDA, {"mois": "2027-01"})) == ["Sur trois jours"]
        assert titles(client.get(AGENDA, {"mois": "2026-12"})) == [
            "Aujourd'hui",
            "Forum de demain",
            "Sur trois jours",
        ]
        page = soup(client.get(AGENDA, {"mois": "2027-02"}))
        assert (
            clean(page.select_one(".results-summary"))
            == "1 événement pour le mois de février 2027."
        )
        months = [clean(o) for o in page.select("#filtre-mois option")]
        assert months == ["Tous les mois", "décembre 2026", "janvier 2027", "février 2027"]
        assert "décembre 2026 –" not in clean(page.title)


@pytest.mark.parametrize(
    "query",
    [
        {"categorie": "inconnue"},
        {"mois": "2026-13"},
        {"mois": "99999-01"},
        {"mois": "x" * 300},
        {"partenaire": "\x00"},
        {"page": "abc"},
        {"page": "99999"},
        {"categorie": ["forum", "bureau"]},
    ],
)
def test_bad_filter_values_are_ignored_never_an_error(client, december, query):
    with time_machine.travel(paris(2026, 12, 1, 12), tick=False):
        for url in (AGENDA, AGENDA + "archives/2026/"):
            response = client.get(url, query)
            assert response.status_code == 200, (url, query)


def test_an_unknown_filter_value_is_named_in_the_summary(client, december):
    with time_machine.travel(paris(2026, 12, 1, 12), tick=False):
        summary = clean(
            soup(client.get(AGENDA, {"mois": "2026-13"})).select_one(".results-summary")
        )
    assert summary == "4 événements. Filtre non reconnu ignoré : mois."


@pytest.mark.parametrize("path", ["archives/1999/", "archives/2030/", "archives/0/", "ical/x/"])
def test_addresses_that_hold_nothing_are_not_found(client, december, path):
    with time_machine.travel(paris(2026, 12, 1, 12), tick=False):
        assert client.get(AGENDA + path).status_code == 404


def test_the_agenda_pages_through_its_events(client, demo):
    with time_machine.travel(paris(2026, 12, 1, 12), tick=False):
        for number in range(13):
            publish_event(
                title=f"Réunion {number:02d}", start_date=datetime.date(2027, 1, 1 + number)
            )
        first, second = client.get(AGENDA), client.get(AGENDA, {"page": 2})
    assert len(titles(first)) == 12
    assert titles(second) == ["Réunion 12"]
    assert "page 2 sur 2" in clean(soup(second).title)


def test_a_cancelled_or_postponed_event_stays_listed_and_says_so(client, demo):
    with time_machine.travel(paris(2026, 12, 1, 12), tick=False):
        publish_event(
            title="Annulé", start_date=datetime.date(2027, 1, 5), status=EventStatus.CANCELLED
        )
        publish_event(
            title="Reporté", start_date=datetime.date(2027, 1, 6), status=EventStatus.POSTPONED
        )
        cards = soup(client.get(AGENDA)).select(".event-card")
    assert [clean(card.select_one(".event-status")) for card in cards] == ["Annulé", "Reporté"]


def test_the_home_page_announces_the_next_three_events_only_when_there_are_some(client, december):
    with time_machine.travel(paris(2028, 1, 1, 12), tick=False):
        assert "Prochains événements" not in client.get("/").content.decode()
    with time_machine.travel(paris(2026, 12, 1, 12), tick=False):
        section = soup(client.get("/")).find(id="titre-prochains-evenements").find_parent("section")
    assert [clean(a) for a in section.select(".card__title a")] == [
        "Aujourd'hui",
        "Forum de demain",
        "Sur trois jours",
    ]
    assert section.find("a", string="Tout l'agenda")["href"] == AGENDA


def test_a_partner_page_lists_its_upcoming_events(client, december):
    with time_machine.travel(paris(2026, 12, 1, 12), tick=False):
        page = soup(client.get("/partenaires/lsn/"))
        other = client.get("/partenaires/nextmove/").content.decode()
    section = page.find(id="titre-evenements-partenaire").find_parent("section")
    assert [clean(a) for a in section.select(".card__title a")] == ["Forum de demain"]
    assert (
        section.find("a", string="Tous les événements liés à LSN")["href"]
        == AGENDA + "?partenaire=lsn"
    )
    # The demo's Conseil is linked to every partner, but it is past.
    assert "titre-evenements-partenaire" not in other


def test_the_site_map_and_the_sitemap_list_the_events(client, demo):
    assert DEMO_EVENT in client.get("/sitemap.xml").content.decode()
    sitemap = soup(client.get("/plan-du-site/"))
    assert sitemap.find("a", href=DEMO_EVENT)


def test_the_site_search_finds_events(client, demo):
    page = soup(client.get("/recherche/", {"q": "feuilles de route", "type": "agenda"}))
    assert [a["href"] for a in page.select(".search-result__title a")] == [DEMO_EVENT]

"""An event's page: what it says (and leaves unsaid), its structured data, the rules editors
meet when they enter one, and the séance it links both ways."""

import datetime
import json

from django.core.exceptions import ValidationError

import pytest
import time_machine

from acts.models import MeetingPage
from agenda.models import EventPage, EventStatus
from tests.agenda.helpers import DEMO_EVENT, agenda, category, paris, publish_event
from tests.news.helpers import clean, soup

DEMO_MEETING = "/actes/conseil-syndical-2021-05-12/"
DEMO_ACT = "/actes/deliberation-2021-05-12-feuilles-de-route-2021/"


def facts(page):
    return {clean(div.dt): clean(div.dd) for div in page.select(".event__facts > div")}


def structured(page, kind="Event"):
    blocks = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    return next(block for block in blocks if block.get("@type") == kind)


def test_the_demo_event_shows_what_the_seed_says_and_nothing_more(demo, client):
    page = soup(client.get(DEMO_EVENT))
    assert clean(page.h1) == "Conseil syndical du 12 mai 2021"
    assert facts(page) == {
        "Date": "mercredi 12 mai 2021 (événement passé)",
        "Organisateur": "Pôle Métropolitain Rouen Seine Eure",
    }
    assert page.select_one(".event__facts time")["datetime"] == "2021-05-12"
    assert "160 000 €" in clean(page.select_one(".lead"))
    # Linked to its séance and the délibération adopted there, to the five partners and
    # to the press release.
    seance = page.find(id="titre-seance").find_parent("section")
    assert seance.find("a", href=DEMO_MEETING)
    assert seance.find("a", href=DEMO_ACT)
    partners = [a["href"] for a in page.select(".news-article__partners a")]
    assert len(partners) == 5
    assert page.find(id="titre-actualites-liees")
    # Past: no « Ajouter à mon agenda ».
    assert not page.find("a", href=DEMO_EVENT + "ical/")


def test_the_seance_links_its_event_in_the_agenda(demo, client):
    section = soup(client.get(DEMO_MEETING)).find(id="titre-seance-agenda").find_parent("section")
    assert section.find("a", href=DEMO_EVENT)
    assert section.find("a", href=DEMO_EVENT + "ical/")


def test_the_structured_data_describe_the_event_without_making_anything_up(demo, client):
    data = structured(soup(client.get(DEMO_EVENT)))
    assert data["startDate"] == data["endDate"] == "2021-05-12"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "Pôle Métropolitain Rouen Seine Eure",
    }
    assert "location" not in data and "eventAttendanceMode" not in data and "offers" not in data
    assert data["url"].endswith(DEMO_EVENT)


def test_a_timed_event_with_a_place_a_link_and_registration(demo, client):
    with time_machine.travel(paris(2026, 12, 1, 12), tick=False):
        event = publish_event(
            title="Forum des mobilités",
            start_date=datetime.date(2027, 1, 14),
            start_time=datetime.time(17),
            end_time=datetime.time(19),
            place_name="Kindarena",
            place_address="40 rue de Lillebonne\n76000 Rouen",
            online_url="https://video.example.invalid/forum",
            registration_url="https://inscription.example.invalid/forum",
            registration_deadline=datetime.date(2027, 1, 10),
        )
        page = soup(client.get(event.url))
    when = page.select(".event__facts time")
    said = " ".join(page.select_one(".event__facts dd").get_text().split())
    assert said == "jeudi 14 janvier 2027, de 17 h à 19 h"
    assert [t["datetime"] for t in when[:3]] == [
        "2027-01-14",
        "2027-01-14T17:00",
        "2027-01-14T19:00",
    ]
    assert (
        facts(page)["Inscription"]
        == "S'inscrire : Forum des mobilités (site externe) jusqu'au 10 janvier 2027"
    )
    assert page.find("a", href=event.url + "ical/")
    data = structured(page)
    assert data["startDate"] == "2027-01-14T17:00:00+01:00"
    assert data["endDate"] == "2027-01-14T19:00:00+01:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["location"][0]["name"] == "Kindarena"
    assert data["location"][1] == {
        "@type": "VirtualLocation",
        "url": "https://video.example.invalid/forum",
    }
    assert data["offers"]["validThrough"] == "2027-01-10"
    # After the deadline, the link is gone.
    with time_machine.travel(paris(2027, 1, 11, 9), tick=False):
        page = soup(client.get(event.url))
    assert facts(page)["Inscription"] == "Les inscriptions sont closes."
    assert "availability" not in structured(page)["offers"]


@pytest.mark.parametrize(
    ("status", "said", "schema"),
    [
        (EventStatus.CANCELLED, "Événement annulé : faute de salle", "EventCancelled"),
        (EventStatus.POSTPONED, "Événement reporté : faute de salle", "EventPostponed"),
    ],
)
def test_a_cancelled_or_postponed_event_says_so(demo, client, status, said, schema):
    with time_machine.travel(paris(2026, 12, 1, 12), tick=False):
        event = publish_event(
            title="Forum",
            start_date=datetime.date(2027, 1, 14),
            status=status,
            status_note="faute de salle",
            registration_url="https://inscription.example.invalid/forum",
        )
        page = soup(client.get(event.url))
    assert clean(page.select_one(".event__status")) == said
    assert structured(page)["eventStatus"] == "https://schema.org/" + schema
    assert facts(page)["Inscription"] == "Les inscriptions sont closes."


def base_event(**fields):
    return EventPage(
        title="Forum",
        slug="forum",
        category=category(),
        start_date=datetime.date(2027, 1, 14),
        **fields,
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"end_date": datetime.date(2027, 1, 13)}, "end_date"),
        ({"end_time": datetime.time(12)}, "start_time"),
        ({"start_time": datetime.time(12), "end_time": datetime.time(11)}, "end_time"),
        ({"registration_deadline": datetime.date(2027, 1, 1)}, "registration_url"),
        (
            {
                "registration_url": "https://example.invalid/",
                "registration_deadline": datetime.date(2027, 2, 1),
            },
            "registration_deadline",
        ),
    ],
)
def test_editors_are_told_what_does_not_add_up(demo, fields, field):
    with pytest.raises(ValidationError) as error:
        base_event(**fields).clean()
    assert field in error.value.message_dict


def test_an_event_for_a_seance_starts_on_its_day(demo):
    meeting = MeetingPage.objects.get()
    with pytest.raises(ValidationError) as error:
        base_event(meeting=meeting).clean()
    assert "12/05/2021" in error.value.message_dict["meeting"][0]
    event = base_event(meeting=meeting)
    event.start_date = meeting.date
    event.clean()
    assert event.end_date == meeting.date


def test_only_one_agenda_and_events_only_in_it(demo):
    assert not agenda().can_create_at(demo)
    assert EventPage.allowed_parent_page_models() == [type(agenda())]

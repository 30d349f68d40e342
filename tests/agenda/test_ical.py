"""The .ics files: one per event (« Ajouter à mon agenda ») and the calendars people subscribe
to, read back with the icalendar library and checked as a calendar application would."""

import datetime

import pytest
import time_machine
import vobject

from agenda.models import EventStatus
from tests.agenda.helpers import (
    AGENDA,
    DEMO_EVENT,
    PARIS,
    category,
    events_of,
    paris,
    parse_ics,
    publish_event,
)
from tests.news.helpers import soup

# A fixed "now" for the tests that add events: 1 December 2026, noon in Paris.
NOW = paris(2026, 12, 1, 12)


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def assert_importable(body):
    """What a calendar application needs to import the file without a warning: CRLF line
    ends, lines of at most 75 octets (RFC 5545 §3.1), and every required property, as a
    second implementation (vobject) checks them."""
    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    assert b"\n" not in body.replace(b"\r\n", b"")
    assert vobject.readOne(body.decode()).validate(raiseException=True)


def test_the_demo_event_downloads_as_a_whole_day_event(demo, client):
    response = client.get(DEMO_EVENT + "ical/")
    calendar = parse_ics(response)
    assert (
        response["Content-Disposition"] == 'attachment; filename="conseil-syndical-2021-05-12.ics"'
    )
    assert_importable(response.content)
    (event,) = calendar.walk("VEVENT")
    assert event["summary"] == "Conseil syndical du 12 mai 2021"
    assert event.decoded("dtstart") == datetime.date(2021, 5, 12)
    # RFC 5545: a whole day ends, exclusively, at the start of the next one.
    assert event.decoded("dtend") == datetime.date(2021, 5, 13)
    assert event["status"] == "CONFIRMED"
    assert event["sequence"] == 0
    assert str(event["url"]).startswith("http") and str(event["url"]).endswith(DEMO_EVENT)
    assert "160 000 €" in str(event["description"])
    # The seed gives no place: none is made up.
    assert "location" not in event
    assert event["dtstamp"].dt.tzinfo is not None


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [(datetime.date(2027, 1, 14), 9), (datetime.date(2027, 7, 15), 8)],
    ids=["winter", "summer"],
)
def test_ten_o_clock_in_paris_is_ten_o_clock_in_paris_all_year(demo, client, now, day, utc_hour):
    event = publish_event(
        title="Forum des filières",
        start_date=day,
        start_time=datetime.time(10),
        end_time=datetime.time(12),
        place_name="Kindarena",
        place_address="40 rue de Lillebonne\n76000 Rouen",
    )
    response = client.get(event.url + "ical/")
    assert_importable(response.content)
    (vevent,) = parse_ics(response).walk("VEVENT")
    start, end = vevent.decoded("dtstart"), vevent.decoded("dtend")
    assert start.utcoffset() == datetime.timedelta(0)
    assert (start.hour, end.hour) == (utc_hour, utc_hour + 2)
    assert start.astimezone(PARIS).time() == datetime.time(10)
    assert end.astimezone(PARIS).time() == datetime.time(12)
    assert str(vevent["location"]) == "Kindarena, 40 rue de Lillebonne 76000 Rouen"


def test_the_uid_stays_and_the_sequence_rises_at_each_publication(demo, client, now):
    event = publish_event(title="Signature de la convention", start_date=datetime.date(2027, 2, 1))
    first = events_of(parse_ics(client.get(event.url + "ical/")))["Signature de la convention"]
    assert first["sequence"] == 0

    event.title = "Signature de la convention 2027"
    event.start_date = event.end_date = datetime.date(2027, 2, 2)
    event.save_revision().publish()
    stale = event.get_latest_revision()
    event.refresh_from_db()
    event.save_revision().publish()
    # Publishing a revision saved before the last publication keeps the sequence counted.
    stale.publish()

    second = events_of(parse_ics(client.get(event.url + "ical/")))[
        "Signature de la convention 2027"
    ]
    assert second["uid"] == first["uid"]
    assert second["sequence"] == 3
    assert second.decoded("dtstart") == datetime.date(2027, 2, 2)


def test_a_cancelled_event_exports_as_cancelled(demo, client, now):
    event = publish_event(
        title="Forum annulé",
        start_date=datetime.date(2027, 3, 4),
        status=EventStatus.CANCELLED,
        status_note="En raison des intempéries",
    )
    for url in (event.url + "ical/", AGENDA + "ical/"):
        vevent = events_of(parse_ics(client.get(url)))["Annulé : Forum annulé"]
        assert vevent["status"] == "CANCELLED"
        assert "En raison des intempéries" in str(vevent["description"])


def test_the_subscribed_calendar_holds_upcoming_and_recent_events_only(demo, client, now):
    publish_event(title="À venir", start_date=datetime.date(2027, 1, 10))
    publish_event(title="Le mois dernier", start_date=datetime.date(2026, 11, 2))
    publish_event(title="Il y a deux ans", start_date=datetime.date(2024, 11, 2))
    draft = publish_event(title="Brouillon", start_date=datetime.date(2027, 1, 11))
    draft.unpublish()
    response = client.get(AGENDA + "ical/")
    assert_importable(response.content)
    calendar = parse_ics(response)
    assert set(events_of(calendar)) == {"À venir", "Le mois dernier"}
    assert str(calendar["x-wr-calname"]) == "Agenda"
    assert response["Content-Disposition"] == 'attachment; filename="agenda.ics"'
    # Served like the pages: shared caches and browsers may keep it.
    assert "public" in response["Cache-Control"]


def test_each_category_has_its_own_calendar(demo, client, now):
    publish_event(
        title="Séance",
        start_date=datetime.date(2027, 1, 10),
        category=category("seance-du-conseil"),
    )
    publish_event(title="Forum", start_date=datetime.date(2027, 1, 11), category=category("forum"))
    calendar = parse_ics(client.get(AGENDA + "ical/seance-du-conseil/"))
    assert set(events_of(calendar)) == {"Séance"}
    assert str(calendar["x-wr-calname"]) == "Agenda – Séance du Conseil syndical"
    assert client.get(AGENDA + "ical/inconnue/").status_code == 404


def test_the_agenda_offers_its_calendars_by_webcal_and_https(demo, client):
    page = soup(client.get(AGENDA))
    links = {a.get_text(" ", strip=True): a["href"] for a in page.select(".agenda-subscribe a")}
    webcal = links["S'abonner à tout l'agenda"]
    assert webcal.startswith("webcal://") and webcal.endswith("/agenda/ical/")
    https = links["Télécharger l'agenda (iCalendar, .ics)"]
    assert https.split("://", 1)[1] == webcal.split("://", 1)[1]
    assert links["S'abonner : Séance du Conseil syndical"].endswith(
        "/agenda/ical/seance-du-conseil/"
    )


def test_scheduling_a_publication_is_not_a_publication(demo, client, now):
    event = publish_event(title="Programmé", start_date=datetime.date(2027, 3, 1))
    event.go_live_at = NOW + datetime.timedelta(days=1)
    event.unpublish()
    event.save_revision().publish()
    event.refresh_from_db()
    assert not event.live
    assert event.times_published == 1

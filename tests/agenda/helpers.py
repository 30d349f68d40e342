"""What the agenda tests share: the demo's agenda and event, events published as the admin
does (so that the publication signals run), and the .ics files read back."""

import datetime
import zoneinfo

from icalendar import Calendar

from agenda.models import EventCategory, EventIndexPage, EventPage
from tests.factories import EventPageFactory

AGENDA = "/agenda/"
DEMO_EVENT = "/agenda/conseil-syndical-2021-05-12/"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def agenda():
    return EventIndexPage.objects.get()


def category(slug="evenement-public"):
    return EventCategory.objects.get(slug=slug)


def publish_event(partners=(), **fields):
    """An event added to the demo's agenda and published through a revision."""
    fields.setdefault("category", category())
    event = EventPageFactory.build(**fields)
    event.related_partners = list(partners)
    agenda().add_child(instance=event)
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def paris(*args):
    """An aware datetime in Paris."""
    return datetime.datetime(*args, tzinfo=PARIS)


def parse_ics(response):
    """The calendar of an .ics response, parsed by the icalendar library."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_of(calendar):
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}

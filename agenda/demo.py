"""The demo agenda from seed 001 (fixtures/demo/agenda.json): the Conseil of 12 May 2021, a
past séance, linked to its séance in the register, its partners and its press release. What
the seed does not say (the time, the place) stays empty."""

import datetime

from django.utils import timezone

from wagtail.models import Site

from acts.models import MeetingPage
from news.models import NewsPage
from pages.demo import add_links, bulk_add_children, demo_data, publish
from partners.models import PartnerPage

from .models import EventCategory, EventIndexPage, EventPage, EventStatus

# What the fixture names by slug, looked up here.
RELATIONS = {"category", "start_date", "meeting", "partners", "news"}


def load(home, many=0):
    """Called by `load_demo` (see agenda/wagtail_hooks.py); True when it changed anything."""
    changed = False
    if not EventIndexPage.objects.exists():
        load_agenda(home)
        changed = True
    if many:
        add_fake_events(many)
        changed = True
    return changed


def load_agenda(home):
    data = demo_data("agenda.json")
    index = publish(home, EventIndexPage(**data["index"]))
    for spec in data["events"]:
        fields = {k: v for k, v in spec.items() if k not in RELATIONS}
        event = EventPage(
            **fields,
            category=EventCategory.objects.get(slug=spec["category"]),
            start_date=datetime.date.fromisoformat(spec["start_date"]),
            meeting=MeetingPage.objects.filter(slug=spec["meeting"]).first(),
        )
        event.related_partners = list(PartnerPage.objects.filter(slug__in=spec["partners"]))
        event.related_news = list(NewsPage.objects.filter(slug__in=spec["news"]))
        publish(index, event)
    add_links(Site.objects.get(is_default_site=True), data)


# The fake events' days: from ten years ago to three months ahead, as a real agenda holds
# many past events and a few dozen to come.
FAKE_DAYS_BACK = 3650
FAKE_DAYS_AHEAD = 90


def add_fake_events(count):
    """Clearly fake events for performance tests, off by default (`load_demo --many`):
    `count` more live events, one a day (or more) from ten years ago to three months ahead,
    of every category and status, every fifth over three days."""
    index = EventIndexPage.objects.get()
    categories = list(EventCategory.objects.all())
    statuses = [choice for choice, _ in EventStatus.choices]
    start = EventPage.objects.filter(slug__startswith="evenement-fictif-").count()
    first_day = timezone.localdate() - datetime.timedelta(days=FAKE_DAYS_BACK)
    span = FAKE_DAYS_BACK + FAKE_DAYS_AHEAD
    published = timezone.now()
    events = []
    for number in range(start, start + count):
        day = first_day + datetime.timedelta(days=number % span)
        events.append(
            EventPage(
                title=f"Événement fictif n° {number + 1} (test de charge)",
                slug=f"evenement-fictif-{number + 1}",
                first_published_at=published,
                last_published_at=published,
                category=categories[number % len(categories)],
                status=statuses[number % len(statuses)],
                start_date=day,
                start_time=None if number % 3 else datetime.time(9 + number % 9),
                end_date=day + datetime.timedelta(days=2 if number % 5 == 0 else 0),
                place_name="Lieu fictif",
                summary="Événement fictif généré pour mesurer les performances du site.",
            )
        )
    bulk_add_children(index, events)

"""Events as iCalendar (RFC 5545), for « Ajouter à mon agenda » and the calendars people
subscribe to from their phone: built with the icalendar library.

Timed events are given in UTC (RFC 5545 form 2), which every calendar shows in its reader's
own time zone, without a VTIMEZONE to keep up to date; whole-day events are dates (a day in
Paris is that day everywhere), ending the day after their last day as the RFC has it. Each
event keeps one UID for good, its page's, and its SEQUENCE rises at each publication after
the first, so that a subscribed calendar replaces the event it holds rather than adding one.
"""

import datetime

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from icalendar import Calendar, Event, vDuration

from .models import EventStatus

PRODUCT_ID = f"-//{settings.WAGTAIL_SITE_NAME}//Agenda//FR"
# How often a subscribed calendar should fetch the feed again (RFC 7986 REFRESH-INTERVAL, and
# the older X-PUBLISHED-TTL Outlook reads).
REFRESH = datetime.timedelta(hours=6)
STATUSES = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}
SUMMARY_PREFIXES = {EventStatus.POSTPONED: "Reporté : ", EventStatus.CANCELLED: "Annulé : "}


def utc(moment):
    return moment.astimezone(datetime.UTC)


def event_uid(event):
    """The event's identity for every calendar that holds it: its page's translation key, a
    UUID that stays the same when its title, address or date change."""
    return f"{event.translation_key}@{slugify(settings.WAGTAIL_SITE_NAME)}"


def description(event, url):
    """What a calendar shows under the event: the status, the summary, where to follow it,
    who organises it, how to register, and the page."""
    lines = []
    if event.status != EventStatus.SCHEDULED:
        lines.append(" – ".join(filter(None, [event.get_status_display(), event.status_note])))
    lines.append(event.summary)
    if event.online_url:
        lines.append(f"En ligne : {event.online_url}")
    if event.organiser:
        lines.append(f"Organisateur : {event.organiser}")
    if event.registration_open:
        lines.append(f"Inscription : {event.registration_url}")
    lines.append(f"Détails : {url}")
    return "\n\n".join(line for line in lines if line)


def vevent(request, event):
    url = event.get_full_url(request)
    stamp = utc(event.last_published_at or timezone.now())
    component = Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", stamp)
    component.add("last-modified", stamp)
    if event.first_published_at:
        component.add("created", utc(event.first_published_at))
    component.add("sequence", event.sequence)
    if event.all_day:
        component.add("dtstart", event.start_date)
        component.add("dtend", event.end_date + datetime.timedelta(days=1))
    else:
        component.add("dtstart", utc(event.starts_at))
        if event.ends_at > event.starts_at:
            component.add("dtend", utc(event.ends_at))
    component.add("summary", SUMMARY_PREFIXES.get(event.status, "") + event.title)
    component.add("status", STATUSES[event.status])
    component.add("categories", [event.category.name])
    if event.location_text:
        component.add("location", event.location_text)
    component.add("url", url)
    component.add("description", description(event, url))
    component.add("transp", "TRANSPARENT" if event.all_day else "OPAQUE")
    return component


def calendar(request, events, name):
    """A VCALENDAR of `events` named `name` (what a subscribed calendar is called)."""
    cal = Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))
    for event in events:
        cal.add_component(vevent(request, event))
    return cal


def calendar_response(request, events, name, filename):
    """The calendar as a file named `filename`.ics, cached like the pages."""
    response = HttpResponse(
        calendar(request, events, name).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response

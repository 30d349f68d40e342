"""schema.org Event for an event's page, from the pieces every type of the site shares."""

from pages.structured_data import image_object, json_ld

from .models import EventStatus

SCHEMA = "https://schema.org/"
STATUSES = {
    EventStatus.SCHEDULED: "EventScheduled",
    EventStatus.POSTPONED: "EventPostponed",
    EventStatus.CANCELLED: "EventCancelled",
}
ATTENDANCE_MODES = {
    "offline": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "mixed": "MixedEventAttendanceMode",
}


def location(event):
    """The place and/or the link, as search engines want them; None when neither is known."""
    places = []
    if event.place_name or event.place_address:
        place = {"@type": "Place", "name": event.place_name or event.place_address}
        if event.place_address:
            place["address"] = {
                "@type": "PostalAddress",
                "streetAddress": " ".join(event.place_address.split()),
                "addressCountry": "FR",
            }
        places.append(place)
    if event.online_url:
        places.append({"@type": "VirtualLocation", "url": event.online_url})
    if not places:
        return None
    return places[0] if len(places) == 1 else places


def event(request, page, image):
    """schema.org Event: what search engines show of an event; nothing the editors did not
    give (no place, price or time is made up)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.get_summary_text(),
        "startDate": page.start_date.isoformat() if page.all_day else page.starts_at.isoformat(),
        "eventStatus": SCHEMA + STATUSES[page.status],
        "image": [image_object(image)],
        "url": page.get_full_url(request),
        "inLanguage": "fr",
    }
    if page.all_day:
        data["endDate"] = page.end_date.isoformat()
    elif page.ends_at > page.starts_at:
        data["endDate"] = page.ends_at.isoformat()
    mode = page.attendance_mode
    if mode:
        data["eventAttendanceMode"] = SCHEMA + ATTENDANCE_MODES[mode]
    place = location(page)
    if place:
        data["location"] = place
    if page.organiser:
        data["organizer"] = {"@type": "Organization", "name": page.organiser}
    if page.registration_url:
        offer = {"@type": "Offer", "url": page.registration_url}
        if page.registration_deadline:
            offer["validThrough"] = page.registration_deadline.isoformat()
        if page.registration_open:
            offer["availability"] = SCHEMA + "InStock"
        data["offers"] = offer
    return json_ld(data)

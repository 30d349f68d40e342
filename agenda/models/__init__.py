from .category import EventCategory
from .event import (
    EventPage,
    EventStatus,
    past_events,
    published_events,
    today,
    upcoming_events,
)
from .index import EventIndexPage

__all__ = [
    "EventCategory",
    "EventIndexPage",
    "EventPage",
    "EventStatus",
    "past_events",
    "published_events",
    "today",
    "upcoming_events",
]

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages.queries import public

from .models import EventCategory, EventIndexPage, upcoming_events

# How many events the home page announces, and a partner's page.
HOME_EVENTS = 3
PARTNER_EVENTS = 5


class EventCategoryViewSet(SnippetViewSet):
    model = EventCategory
    icon = "date"
    menu_label = "Catégories d'événements"
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(EventCategoryViewSet)


@hooks.register("home_page_sections")
def home_upcoming_events(home, request):
    """The home page's « Prochains événements »: the next three, gone when none is coming."""
    events = list(upcoming_events()[:HOME_EVENTS])
    if not events:
        return None
    return {
        "template": "agenda/components/home_upcoming.html",
        "order": 15,
        "items": events,
        "index": home.live_child(EventIndexPage, request),
    }


@hooks.register("partner_page_sections")
def partner_upcoming_events(partner, request):
    """A partner's upcoming events, and the agenda filtered on it; nothing when none."""
    events = list(upcoming_events().filter(related_partners=partner)[:PARTNER_EVENTS])
    if not events:
        return None
    return {
        "template": "agenda/components/partner_events.html",
        "items": events,
        "index": EventIndexPage.objects.live().first(),
    }


@hooks.register("meeting_page_sections")
def meeting_events(meeting, request):
    """A séance's event in the agenda, with its « Ajouter à mon agenda »."""
    events = list(public(meeting.events.live()).select_related("category"))
    if not events:
        return None
    return {"template": "agenda/components/meeting_events.html", "items": events}


@hooks.register("load_demo")
def load_demo_agenda(home, many=0):
    from .demo import load

    return load(home, many=many)

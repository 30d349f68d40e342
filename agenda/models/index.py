"""`/agenda/`: the events to come, the yearly archive of past ones, and the calendars people
subscribe to."""

import datetime

from django.db.models.functions import ExtractYear, TruncMonth
from django.http import Http404
from django.shortcuts import redirect

from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from pages.listing import Filter, ListingFilters, object_options, options
from pages.models import SectionPage
from pages.queries import french_sort_key, paginate, public
from pole_site.page_cache import remember

from ..dates import month_label
from .category import EventCategory
from .event import EventPage, past_events, today, upcoming_events

EVENTS_PER_PAGE = 12
# The calendar people subscribe to holds the events to come and those of the last months, so
# that a meeting just held stays in their calendar for a while.
CALENDAR_RECENT_DAYS = 183


def in_month(events, month):
    """The events taking place during `month` ("2026-06"), whatever day they start."""
    year, number = (int(part) for part in month.split("-"))
    first = datetime.date(year, number, 1)
    after = datetime.date(year + number // 12, number % 12 + 1, 1)
    return events.filter(start_date__lt=after, end_date__gte=first)


class EventIndexPage(RoutablePageMixin, SectionPage):
    """The agenda: upcoming events soonest first, past ones by year newest first, each
    filterable by category, month and partner; an iCalendar feed of all, and one per
    category."""

    # The agenda holds only events.
    subpage_types = ["agenda.EventPage"]

    class Meta:
        verbose_name = "agenda"

    # --- Listings ------------------------------------------------------------------------

    @path("")
    def upcoming(self, request):
        day = today()
        events = upcoming_events(day).child_of(self)
        return self.listing(request, events, period="upcoming", day=day)

    @path("archives/", name="archives")
    def latest_archive(self, request):
        years = self.past_years(today())
        if not years:
            raise Http404
        return redirect(self.url + self.reverse_subpage("archive", args=[years[0]]))

    @path("archives/<int:year>/", name="archive")
    def archive(self, request, year):
        day = today()
        if year not in self.past_years(day):
            raise Http404
        events = (
            past_events(day)
            .child_of(self)
            .filter(
                start_date__gte=datetime.date(year, 1, 1),
                start_date__lt=datetime.date(year + 1, 1, 1),
            )
        )
        return self.listing(request, events, period=year, day=day)

    def listing(self, request, events, period, day):
        """One page of `events`, filtered as the visitor chose."""
        filters = ListingFilters(
            request.GET,
            [
                Filter(
                    "categorie",
                    "Catégorie",
                    object_options(self.categories()),
                    "Toutes les catégories",
                    lambda events, category: events.filter(category=category),
                    "la catégorie « {} »",
                ),
                Filter(
                    "mois",
                    "Mois",
                    options(self.months(events, period, day)),
                    "Tous les mois",
                    in_month,
                    "le mois de {}",
                ),
                Filter(
                    "partenaire",
                    "Partenaire",
                    object_options(self.partners(events, period, day), label="title"),
                    "Tous les partenaires",
                    lambda events, partner: events.filter(related_partners=partner),
                    "le partenaire « {} »",
                ),
            ],
        )
        return self.render(
            request,
            context_overrides={
                "events": paginate(request, filters.apply(events), EVENTS_PER_PAGE),
                "filters": filters,
                "period": period,
                "years": self.past_years(day),
                "categories": self.categories(),
            },
        )

    # --- What the filters offer, read once per cache generation and day -------------------

    def categories(self):
        return remember(
            None,
            "agenda-categories",
            lambda: sorted(EventCategory.objects.all(), key=lambda c: french_sort_key(c.name)),
        )

    def months(self, events, period, day):
        """The months the listed events take place in, as (value, label) pairs: each month
        from the one an event starts in to the one it ends in."""

        def read():
            spans = (
                events.order_by()
                .annotate(first=TruncMonth("start_date"), last=TruncMonth("end_date"))
                .values_list("first", "last")
                .distinct()
            )
            months = set()
            for first, last in spans:
                for number in range(first.year * 12 + first.month - 1, last.year * 12 + last.month):
                    months.add(divmod(number, 12))
            ordered = sorted(months, reverse=period != "upcoming")
            return [(f"{y}-{m + 1:02d}", month_label(y, m + 1)) for y, m in ordered]

        return remember(None, ("agenda-months", self.pk, period, day), read)

    def partners(self, events, period, day):
        """The partners the listed events relate to, by name."""
        model = EventPage._meta.get_field("related_partners").related_model

        def read():
            related = public(model.objects.live()).filter(events__in=events.values("pk"))
            return list(related.distinct().order_by("title"))

        return remember(None, ("agenda-partners", self.pk, period, day), read)

    def past_years(self, day):
        """The years that have past events, newest first, read once per generation and day."""
        return remember(None, ("agenda-years", self.pk, day), lambda: self.archive_years(day))

    def archive_years(self, day):
        return list(
            public(EventPage.objects.live().child_of(self))
            .filter(end_date__lt=day)
            .annotate(year=ExtractYear("start_date"))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )

    # --- Calendars ------------------------------------------------------------------------

    def calendar_events(self, day):
        """What a subscribed calendar holds: events to come and those of the last months, with
        their category (and no image: a calendar shows none)."""
        since = day - datetime.timedelta(days=CALENDAR_RECENT_DAYS)
        return (
            public(EventPage.objects.live().child_of(self))
            .filter(end_date__gte=since)
            .select_related("category")
            .order_by("start_date", "pk")
        )

    @path("ical/", name="calendar")
    def calendar(self, request):
        from ..ical import calendar_response

        events = self.calendar_events(today())
        return calendar_response(request, events, name=self.title, filename="agenda")

    @path("ical/<slug:category>/", name="category_calendar")
    def category_calendar(self, request, category):
        from ..ical import calendar_response

        chosen = next((c for c in self.categories() if c.slug == category), None)
        if chosen is None:
            raise Http404
        events = self.calendar_events(today()).filter(category=chosen)
        return calendar_response(
            request, events, name=f"{self.title} – {chosen.name}", filename=f"agenda-{chosen.slug}"
        )

    def get_cached_paths(self):
        """The agenda, its archives and its calendars, which a new event changes too."""
        # Read afresh: the purge may run before the cache generation is renewed.
        years = self.archive_years(today())
        return [
            "/",
            "/ical/",
            *(f"/ical/{category.slug}/" for category in EventCategory.objects.all()),
            *(f"/archives/{year}/" for year in years),
        ]

    @staticmethod
    def site_map_items(page):
        """The agenda's events, the latest dates first, with what a link needs
        (pages.SiteMapPage)."""
        return (
            public(EventPage.objects.live().child_of(page))
            .order_by("-start_date", "-page_ptr_id")
            .only("id", "title", "path", "depth", "url_path", "start_date")
        )

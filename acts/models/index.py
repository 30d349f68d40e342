"""`/actes/`: the register of the Pôle's acts, its séances, feeds and open-data export."""

import datetime

from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils import timezone

from wagtail.contrib.routable_page.models import path

from pages.feeds import ListingWithFeeds
from pages.listing import Filter, ListingFilters, object_options, options
from pages.models import SectionPage
from pages.queries import paginate, public
from pages.search_text import clean_query, search_terms
from pole_site.page_cache import remember

from .act import REGISTER_ORDER, ActKind, ActPage, published_acts
from .meeting import MeetingPage
from .register import Matter

ACTS_PER_PAGE = 20
RECENT_MEETINGS = 3


def year_range(year):
    """The filter on a year as a date range, which the adoption date's index serves."""
    year = int(year)
    return {
        "adopted_on__gte": datetime.date(year, 1, 1),
        "adopted_on__lt": datetime.date(year + 1, 1, 1),
    }


def matching_ids(results):
    """The search's matches as a subquery where the backend builds one (PostgreSQL's), so that
    the database filters, orders and pages them with the register's own query; else their ids
    (SQLite's)."""
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        return get_queryset().order_by().values("pk")
    return [page.pk for page in results]


class ActsIndexPage(ListingWithFeeds, SectionPage):
    """The register: every published act, by year, nature, matière and séance, searchable in
    its object and in the text of its PDF; the séances; feeds of new acts and the SCDL export
    of the délibérations."""

    feed_title = "Actes et délibérations"
    rss_feed_class = "acts.feeds.ActsRssFeed"
    atom_feed_class = "acts.feeds.ActsAtomFeed"
    unpublish_needs_reason = True

    # Séances and acts only, so that the register holds nothing else.
    subpage_types = ["acts.MeetingPage", "acts.ActPage"]

    class Meta:
        verbose_name = "registre des actes"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        years = self.remembered_years()
        meetings = public(MeetingPage.objects.live().child_of(self)).order_by("-date", "-pk")
        meeting_list = list(meetings.only("id", "title", "path", "depth", "url_path", "date"))
        matters = remember(None, f"acts-matters-{self.pk}", self.used_matters)
        filters = ListingFilters(
            request.GET,
            [
                Filter(
                    "annee",
                    "Année",
                    options((year, year) for year in years),
                    "Toutes les années",
                    lambda acts, year: acts.filter(**year_range(year)),
                    "l'année {}",
                ),
                Filter(
                    "nature",
                    "Nature",
                    options(ActKind.choices),
                    "Toutes les natures",
                    lambda acts, kind: acts.filter(kind=kind),
                    "la nature « {} »",
                ),
                Filter(
                    "matiere",
                    "Matière",
                    object_options(matters, value="code", label="label"),
                    "Toutes les matières",
                    lambda acts, matter: acts.filter(matter=matter),
                    "la matière « {} »",
                ),
                Filter(
                    "seance",
                    "Séance",
                    object_options(meeting_list, value="slug", label="title"),
                    "Toutes les séances",
                    lambda acts, meeting: acts.filter(meeting=meeting),
                    "la séance « {} »",
                ),
            ],
        )
        query, _ = clean_query(request.GET.get("q", ""))
        terms = search_terms(query)
        acts = filters.apply(published_acts().child_of(self))
        if terms:
            matching = ActPage.objects.live().child_of(self).search(" ".join(terms), operator="and")
            acts = acts.filter(pk__in=matching_ids(matching))
        description = ", ".join(
            filter(None, [f"contenant « {query} »" if query else "", filters.describe()])
        )
        today = timezone.localdate()
        context.update(
            # A search's total is counted each time: its matches are not a known filter.
            acts=paginate(request, acts, ACTS_PER_PAGE, remember_count=not terms),
            filters=filters,
            query=query,
            description=description,
            querystring=filters.querystring(q=query),
            upcoming_meetings=[m for m in reversed(meeting_list) if m.date >= today][
                :RECENT_MEETINGS
            ],
            past_meetings=[m for m in meeting_list if m.date < today][:RECENT_MEETINGS],
            years=years,
        )
        return context

    def remembered_years(self):
        """The years that have acts, newest first, read once per cache generation."""
        return remember(None, f"acts-years-{self.pk}", self.archive_years)

    def archive_years(self):
        """The years that have acts, newest first."""
        return list(
            public(ActPage.objects.live().child_of(self))
            .annotate(year=ExtractYear("adopted_on"))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )

    def used_matters(self):
        """The matières the published acts are classed in, in the nomenclature's order."""
        used = public(ActPage.objects.live().child_of(self)).values("matter")
        return sorted(Matter.objects.filter(pk__in=used), key=lambda matter: matter.sort_key)

    @path("export/csv/", name="export")
    def export_all(self, request):
        from ..export import deliberations_csv

        return deliberations_csv(request, self)

    @path("export/csv/<int:year>/", name="export_year")
    def export_year(self, request, year):
        from ..export import deliberations_csv

        if year not in self.remembered_years():
            raise Http404
        return deliberations_csv(request, self, year)

    def get_cached_paths(self):
        """The register, and each year's export, which a new act changes too (the feeds and
        the whole export are its fixed sub-paths, purged with it)."""
        # Read afresh: the purge may run before the cache generation is renewed.
        return ["/", *(f"/export/csv/{year}/" for year in self.archive_years())]

    @staticmethod
    def site_map_items(page):
        """The register's newest acts, with what a link needs (pages.SiteMapPage)."""
        return (
            public(ActPage.objects.live().child_of(page))
            .order_by(*REGISTER_ORDER)
            .only("id", "title", "path", "depth", "url_path", "adopted_on")
        )

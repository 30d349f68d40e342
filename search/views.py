"""`/recherche/?q=`: the site search, for citizens who type without accents."""

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page, Site
from wagtail.search.utils import normalise_query_string

from acts.models import ActPage, MeetingPage
from agenda.models import EventPage
from news.models import NewsPage
from pages import rate_limit
from pages.listing import Filter, ListingFilters, options
from pages.models import SitePage
from pages.public_address import absolute_url
from pages.queries import paginate, public
from pages.routing import specific, specific_pages, with_specific
from pages.search_text import clean_query, fold, highlight, search_terms
from partners.models import PartnerPage
from pole_site.client_ip import client_key
from pole_site.page_cache import remember

RESULTS_PER_PAGE = 10
# The admin's "Termes de recherche" report keeps queries up to this length; longer ones are
# cut (people rarely type more; robots do).
LOGGED_QUERY_MAX_LENGTH = 100

# The "type" filter: its value in the address, its label, and the page types it keeps.
KINDS = {
    "actualites": ("Actualités et communiqués", [NewsPage]),
    "partenaires": ("Partenaires", [PartnerPage]),
    "actes": ("Actes et séances", [ActPage, MeetingPage]),
    "agenda": ("Agenda", [EventPage]),
    "pages": ("Pages du site", None),  # everything else
}


def filter_kind(pages, kind):
    if kind == "pages":
        return pages.not_type(*[m for _, models in KINDS.values() if models for m in models])
    return pages.type(*KINDS[kind][1])


def run_search(pages, terms):
    """Every word must match; when none of the pages has them all, any word may."""
    results = pages.search(" ".join(terms), operator="and")
    if len(terms) > 1 and not results.count():
        return pages.search(" ".join(terms), operator="or"), True
    return results, False


def describe(page, terms):
    """What a result shows besides its title: type, date for news, a highlighted excerpt."""
    return {
        "page": page,
        "type": capfirst(page.get_search_type_label()),
        "date": getattr(page, "date", None),
        "excerpt": highlight(page.get_summary_text(), terms),
    }


def in_specific_form(results):
    """The results in their order, each in its specific form (type, date, summary): one query
    for the page of results, however many page types it mixes."""
    ids = [result.pk for result in results]
    found = specific_pages(Page.objects.filter(pk__in=ids), defer_streamfields=True)
    pages = {page.pk: page for page in found}
    return [pages[pk] for pk in ids if pk in pages]


def promotions_for(query_text):
    """The editors' picks for this query (Promotions in the admin), live pages only.

    Matched with accents and case folded, so a promotion for "velo" also answers "Vélo". Read
    whole: editors curate a few dozen of them, not thousands; one query either way.
    """
    wanted = fold(normalise_query_string(query_text))
    promotions = SearchPromotion.objects.select_related("query", "page").order_by("sort_order")
    return [
        promotion
        for promotion in promotions
        if fold(normalise_query_string(promotion.query.query_string)) == wanted
        and (promotion.page_id is None or promotion.page.live)
    ]


def record_search_term(query_text):
    """Count the search for the editors' report, once it found something.

    Only what found a result or a promotion is worth reading there (and a query that found
    nothing is usually a typo or a robot); without that rule every unique junk query added a
    row. Kept in lower case with spaces collapsed (Wagtail's normalisation), accents kept so
    the report reads as people typed, and cut at LOGGED_QUERY_MAX_LENGTH characters. Old
    counts are purged daily (searchpromotions_garbage_collect, WAGTAILSEARCH_HITS_MAX_AGE).
    """
    term = normalise_query_string(query_text)[:LOGGED_QUERY_MAX_LENGTH].strip()
    if term:
        Query.get(term).add_hit()


def search_allowed(request):
    """Count this search for the visitor; False once over SEARCH_RATE_LIMIT in the window.

    Each search runs a full-text query the page cache cannot spare; a robot firing them
    without pause would take the database from everyone. The count is the contact form's:
    exact across workers and servers, without Redis (pages.rate_limit).
    """
    if not settings.SEARCH_RATE_LIMIT:
        return True
    key = f"search:{client_key(request)}"
    return rate_limit.allow(key, settings.SEARCH_RATE_LIMIT, settings.SEARCH_RATE_LIMIT_WINDOW)


@require_safe
def search(request):
    query_text, trimmed = clean_query(request.GET.get("q", ""))
    filters = ListingFilters(
        request.GET,
        [
            Filter(
                "type",
                "Type de contenu",
                options((value, label) for value, (label, _) in KINDS.items()),
                "Tous les contenus",
                filter_kind,
                field_id="recherche-type",
            )
        ],
    )
    terms = search_terms(query_text)
    context = {
        "query": query_text,
        "trimmed": trimmed,
        "filters": filters,
        "noindex": True,
        "breadcrumb_title": "Recherche",
        "meta_description": (
            "Rechercher dans les pages, actualités, partenaires, actes et événements du "
            f"{settings.WAGTAIL_SITE_NAME}."
        ),
        "querystring": filters.querystring(q=query_text),
        "querystring_all_kinds": urlencode({"q": query_text}),
    }
    if terms and not search_allowed(request):
        context["rate_limited"] = True
        response = render(request, "search/search.html", context, status=429)
        response["Retry-After"] = str(settings.SEARCH_RATE_LIMIT_WINDOW)
        return response
    if terms:
        site = Site.find_for_request(request)
        # Base pages: each result's specific form is read below, for all types in one query.
        pages = public(Page.objects.live()).defer_streamfields()
        if site:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        pages = filters.apply(pages)
        results, any_word = run_search(pages, terms)
        page = paginate(request, results, RESULTS_PER_PAGE)
        context.update(
            results=page,
            items=[describe(result, terms) for result in in_specific_form(page)],
            any_word=any_word,
        )
        if page.number == 1:
            context["promotions"] = promotions_for(query_text)
            if page.paginator.count or context["promotions"]:
                record_search_term(query_text)
    return render(request, "search/search.html", context)


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Crawlers may read everything public but the admin and the search results."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('wagtailadmin_home')}",
        f"Disallow: {reverse('search')}",
        "",
        f"Sitemap: {absolute_url(request, reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# Most URLs one sitemap lists: beyond, /sitemap.xml is an index of the sections' sitemaps, each
# paginated at this many URLs a page (?p=2…), so that none is slow to build or heavy to read.
SITEMAP_MAX_URLS = 1000
# The sitemap's sections, by their name in the address (/sitemap-<name>.xml): the page type each
# lists, read with only what its URL needs; None, every other page, in its specific form.
SITEMAP_SECTIONS = {
    "pages": None,
    "actualites": NewsPage,
}
# What `get_sitemap_urls` reads of a news item: its URL path, its dates (NewsPage.modified_at),
# and the switch.
SITEMAP_FIELDS = (
    "url_path",
    "last_published_at",
    "latest_revision_created_at",
    "date",
    "updated_on",
    "hide_from_search_engines",
)


def hidden_from_search_engines(excluded_models):
    """Pages of any type switched out of the sitemap, through the tables `with_specific` joins.

    Filtered in the query rather than by `get_sitemap_urls` alone, so that a section's count
    (urlset or index, number of pages) is the number of URLs it lists.
    """
    hidden = Q()
    for relation in Page._meta.related_objects:
        model = relation.related_model
        if (
            relation.one_to_one
            and relation.field.remote_field.parent_link
            and issubclass(model, SitePage)
            and not issubclass(model, excluded_models)
        ):
            hidden |= Q(**{f"{relation.get_accessor_name()}__hide_from_search_engines": True})
    return hidden


class SectionSitemap(Sitemap):
    """One section of the sitemap, its pages filtered in the query (live, public, not hidden).

    Its size and latest change are remembered for the cache generation: the index and the
    choice between one urlset and an index read no page, and each page of the section reads
    only its own rows (path order, the path index).
    """

    def __init__(self, request, section):
        super().__init__(request)
        self.section = section
        self.model = SITEMAP_SECTIONS[section]
        self.site = self.get_wagtail_site()

    @property
    def limit(self):
        return SITEMAP_MAX_URLS

    def pages(self):
        if self.model is None:
            others = tuple(model for model in SITEMAP_SECTIONS.values() if model)
            pages = Page.objects.not_type(*others).exclude(hidden_from_search_engines(others))
        else:
            pages = self.model.objects.filter(hide_from_search_engines=False)
        pages = pages.descendant_of(self.site.root_page, inclusive=True).live()
        return public(pages).order_by("path")

    def items(self):
        if self.model is None:
            return with_specific(self.pages(), defer_streamfields=True)
        return self.pages().only(*SITEMAP_FIELDS)

    def summary(self):
        return remember(
            None,
            ("sitemap", self.site.pk, self.section),
            lambda: self.pages().aggregate(
                count=Count("pk"),
                lastmod=Max(Coalesce("last_published_at", "latest_revision_created_at")),
            ),
        )

    @property
    def paginator(self):
        paginator = Paginator(self.items(), self.limit)
        paginator.count = self.summary()["count"]
        return paginator

    def get_latest_lastmod(self):
        return self.summary()["lastmod"]

    def _urls(self, page, protocol, domain):
        pages = self.paginator.page(page).object_list
        urls = []
        for item in map(specific, pages) if self.model is None else pages:
            urls += item.get_sitemap_urls(self.request)
        last_mods = {url.get("lastmod") for url in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def sitemap(request):
    """`/sitemap.xml`: every URL in one urlset while there are at most SITEMAP_MAX_URLS, else the
    index of the sections' sitemaps (an index has a single page: any other is not found)."""
    sections = {name: SectionSitemap(request, name) for name in SITEMAP_SECTIONS}
    counts = {name: section.summary()["count"] for name, section in sections.items()}
    if sum(counts.values()) <= SITEMAP_MAX_URLS:
        return wagtail_sitemap(request, sections)
    if request.GET.get("p", "1") != "1":
        raise Http404
    return sitemap_index(request, {name: sections[name] for name in sections if counts[name]})


def sitemap_index(request, sections):
    """The index of the sections' sitemaps, each page of each, on the site's public address
    (Django's index view would take the host from the request)."""
    items = []
    for name, section in sections.items():
        location = absolute_url(request, reverse("sitemap-section", args=[name]))
        lastmod = section.get_latest_lastmod()
        items.append(SitemapIndexItem(location, lastmod))
        items += [
            SitemapIndexItem(f"{location}?p={number}", lastmod)
            for number in range(2, section.paginator.num_pages + 1)
        ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml"
    )


def sitemap_section(request, section):
    """`/sitemap-<section>.xml?p=<n>`: one page of a section, as the index lists them."""
    if section not in SITEMAP_SECTIONS:
        raise Http404
    return wagtail_sitemap(request, {section: SectionSitemap(request, section)}, section=section)

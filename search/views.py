"""`/recherche/?q=`: the site search, for citizens who type without accents."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.views.decorators.cache import cache_control

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page, Site
from wagtail.search.utils import normalise_query_string

from news.models import NewsPage
from pages.queries import paginate, public
from pages.routing import specific_pages
from partners.models import PartnerPage

from .query import clean_query, fold, highlight, search_terms

RESULTS_PER_PAGE = 10

# The "type" filter: its value in the address, its label, and the page types it keeps.
KINDS = {
    "actualites": ("Actualités et communiqués", [NewsPage]),
    "partenaires": ("Partenaires", [PartnerPage]),
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


def search(request):
    query_text, trimmed = clean_query(request.GET.get("q", ""))
    kind = request.GET.get("type") if request.GET.get("type") in KINDS else None
    terms = search_terms(query_text)
    context = {
        "query": query_text,
        "trimmed": trimmed,
        "kind": kind,
        "kinds": [(value, label) for value, (label, _) in KINDS.items()],
        "noindex": True,
        "breadcrumb_title": "Recherche",
        "querystring": urlencode({"q": query_text, **({"type": kind} if kind else {})}),
        "querystring_all_kinds": urlencode({"q": query_text}),
    }
    if terms:
        site = Site.find_for_request(request)
        # Base pages: each result's specific form is read below, for all types in one query.
        pages = public(Page.objects.live()).defer_streamfields()
        if site:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        if kind:
            pages = filter_kind(pages, kind)
        results, any_word = run_search(pages, terms)
        page = paginate(request, results, RESULTS_PER_PAGE)
        context.update(
            results=page,
            items=[describe(result, terms) for result in in_specific_form(page)],
            any_word=any_word,
        )
        if page.number == 1:
            context["promotions"] = promotions_for(query_text)
            Query.get(query_text).add_hit()  # the admin's "search terms" report
    return render(request, "search/search.html", context)


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Crawlers may read everything public but the admin and the search results."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('wagtailadmin_home')}",
        f"Disallow: {reverse('search')}",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class SiteSitemap(Sitemap):
    """Wagtail's sitemap, each page read in its specific form (`hide_from_search_engines`,
    `get_sitemap_urls`) in one query rather than one more per page type."""

    def items(self):
        return specific_pages(
            self.get_wagtail_site()
            .root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path"),
            defer_streamfields=True,
        )

    def _urls(self, page, protocol, domain):
        # Wagtail's version iterates `object_list.iterator()`, which a list does not have.
        urls = []
        last_mods = set()
        for item in self.paginator.page(page).object_list:
            for url_info in item.get_sitemap_urls(self.request):
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def sitemap(request):
    """`/sitemap.xml`: every live, public page not hidden from search engines."""
    return wagtail_sitemap(request, sitemaps={"wagtail": SiteSitemap})

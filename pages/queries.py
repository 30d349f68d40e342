"""Query helpers shared by the listings of every app."""

import unicodedata

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet

from wagtail.models import PageViewRestriction

from pole_site.page_cache import remember


def restricted_paths():
    """The tree paths of the pages under a view restriction (password, login, groups).

    Read once per process and cache generation: adding, changing or removing a restriction,
    and moving or deleting a page, draw a new generation (pages/signals.py).
    """
    return remember(
        None,
        "restricted-paths",
        lambda: sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))),
    )


def public(queryset):
    """The pages of `queryset` outside every restricted subtree, as Wagtail's `.public()`.

    Each restricted subtree is excluded by a prefix of its path, which the path index serves;
    with no restriction (the usual case) the queryset is unchanged. Wagtail's own method reads
    the restrictions again at each call: here they are remembered (`restricted_paths`).
    """
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return queryset.exclude(private) if private else queryset


def french_sort_key(text):
    """Sort as a French reader expects: "Économie" before "Emploi" (accents ignored)."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def paginate(request, queryset, per_page, remember_count=True):
    """Django's get_page: invalid or out-of-range numbers fall back to a real page.

    `page.elided_range` lists a bounded set of page links ("1 … 4 5 6 … 167"), so the
    pagination costs the same with 20 items or 20 000. A listing's total is remembered for
    the cache generation (`remembered_count`); search results are counted each time.
    """
    paginator = Paginator(queryset, per_page)
    if remember_count and isinstance(queryset, QuerySet):
        paginator.count = remembered_count(queryset)
    page = paginator.get_page(request.GET.get("page"))
    page.elided_range = list(
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    return page


def remembered_count(queryset):
    """`queryset.count()`, counted once per process and cache generation.

    A count reads every matching row, however well indexed: with ten years of news, the
    listing's total and its year archive cost more than the page of items itself. They only
    change when content does, which draws a new generation. Keyed by the query's SQL, so
    each filter combination has its own; the filters accept known values only, which bounds
    the number of keys.
    """
    return remember(None, ("count", str(queryset.query)), queryset.count)

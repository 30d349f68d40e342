"""Serving a page in a fixed, small number of queries, whatever its depth.

Wagtail's routing reads each level of an address twice (the child page by its slug, then its
specific form), its privacy check reads the ancestors and then their restrictions, and the
breadcrumb reads the ancestors again: eight queries before any content for a page at depth 4.
Here the pages along the address come in one query, already in their specific form, and the
ancestors come once with a flag saying whether any of them is restricted.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce

from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction

# Levels of an address read in one query; a deeper address (none on this site) costs one more
# query per this many levels, and an absurdly long one cannot make a huge query.
LEVELS_PER_QUERY = 8


def _page_types():
    """(accessor, model) for every page type stored in its own table below Wagtail's Page."""
    return [
        (relation.get_accessor_name(), relation.related_model)
        for relation in Page._meta.related_objects
        if relation.one_to_one and relation.field.remote_field.parent_link
    ]


def with_specific(queryset, *, defer_streamfields=False):
    """The queryset joined to every page type's table, so `specific()` below costs no query.

    Wagtail's `.specific()` reads one more query per page type in the results; a listing that
    mixes types (search, sitemap) would cost more the more types it shows. Each page type may
    name, in `serve_select_related`, the foreign keys its template always reads.
    """
    related = []
    deferred = []
    for accessor, model in _page_types():
        related.append(accessor)
        related += [f"{accessor}__{name}" for name in getattr(model, "serve_select_related", ())]
        if defer_streamfields:
            deferred += [
                f"{accessor}__{field.name}"
                for field in model._meta.local_fields
                if isinstance(field, StreamField)
            ]
    queryset = queryset.select_related(*related)
    return queryset.defer(*deferred) if deferred else queryset


def specific(page):
    """The page in its specific form, from the tables `with_specific` joined (no query), or
    read as Wagtail does for a type those joins do not reach (one query)."""
    model = page.specific_class
    if model is None or isinstance(page, model):
        return page
    accessor = next((name for name, candidate in _page_types() if candidate is model), None)
    found = getattr(page, accessor, None) if accessor else None
    return found if isinstance(found, model) else page.specific


def specific_pages(queryset, **kwargs):
    """The pages of `queryset`, each in its specific form, in one query."""
    return [specific(page) for page in with_specific(queryset, **kwargs)]


def child_for_route(parent, request, path_components):
    """The live or draft child of `parent` named by the first path component, specific.

    The first call of a request reads every page the remaining components name, level by
    level, in one query; the calls for the deeper levels (each page's `route`) find theirs in
    what that query returned, kept on the request. None when there is no such child.
    """
    known = request.__dict__.setdefault("_pole_route_pages", {}) if request is not None else {}
    key = (parent.path, path_components[0])
    if key not in known:
        known.update(_read_path(parent, path_components[:LEVELS_PER_QUERY]))
    return known.get(key)


def _read_path(parent, path_components):
    """{(parent path, slug): specific page or None} for each level of the path below `parent`."""
    levels = Q()
    for offset, slug in enumerate(path_components, start=1):
        levels |= Q(depth=parent.depth + offset, slug=slug)
    candidates = specific_pages(
        Page.objects.filter(levels, path__startswith=parent.path).order_by("path")
    )
    found = {}
    current = parent
    for slug in path_components:
        child = next(
            (
                page
                for page in candidates
                if page.slug == slug and page.path[: -page.steplen] == current.path
            ),
            None,
        )
        found[(current.path, slug)] = child
        if child is None:
            break
        current = child
    return found


def lineage(page):
    """The page's ancestors from Wagtail's root, then the page, read once per instance.

    Each carries `restricted`: whether it (or, for an alias, its source page, as Wagtail
    checks) has a view restriction. Serving the page checks them, the breadcrumb lists them.
    """
    if "_pole_lineage" not in page.__dict__:
        restrictions = PageViewRestriction.objects.filter(
            page_id=Coalesce(OuterRef("alias_of_id"), OuterRef("pk"))
        )
        page._pole_lineage = list(
            Page.objects.ancestor_of(page, inclusive=True)
            .annotate(restricted=Exists(restrictions))
            .order_by("path")
        )
    return page._pole_lineage


def ancestors(page):
    """The page's ancestors below Wagtail's root (the breadcrumb), from `lineage`."""
    return [item for item in lineage(page) if item.depth > 1 and item.path != page.path]


def view_restrictions(page):
    """What Wagtail's `Page.get_view_restrictions` returns, without a query when, as for
    nearly every page, neither the page nor its ancestors are restricted."""
    pages = lineage(page)
    if not any(item.restricted for item in pages):
        return PageViewRestriction.objects.none()
    return PageViewRestriction.objects.filter(
        page_id__in={item.alias_of_id or item.pk for item in pages}
    )

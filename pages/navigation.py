"""Header and footer data, built once per site and kept in the cache until an editor changes it.

Every page shows the quick links, the main menu and the footer. Reading them from the
database on each request would cost a handful of queries per page; instead the plain data
(labels and URLs, no model instances) is cached per site under the page cache's generation,
which any edit renews (see `pole_site.page_cache` and `pages.signals`): every worker of every
server sees the new header on its next request. Each worker also keeps it in memory for the
current generation, so a page costs no cache read for it.
"""

from django.core.cache import cache

from wagtail import hooks
from wagtail.models import Page, Site

from pole_site.page_cache import remember, request_generation

from .images import SHARE_PHOTO
from .models import FooterLink, MainMenuItem, QuickLink, SiteIdentitySettings
from .queries import public

CACHE_KEY = "navigation:{generation}:{site_id}"
CACHE_SECONDS = 24 * 60 * 60  # entries of older generations are simply left to expire
EMPTY = {"quick_links": [], "main_menu": [], "footer_links": [], "feeds": [], "identity": {}}


def _link(item, request, label):
    return {"label": label, "url": item.get_url(request), "external": item.is_external}


def _links(model, site):
    """One query per list, straight from the link table: no per-item or per-setting queries."""
    return (
        model.objects.filter(setting__site=site)
        .select_related("link_page", "link_document")
        .order_by("sort_order")
    )


def _share_image(image):
    if image is None:
        return {}
    rendition = image.get_rendition(SHARE_PHOTO)
    return {"url": rendition.url, "width": rendition.width, "height": rendition.height}


def build_navigation(site, request=None):
    identity = (
        SiteIdentitySettings.objects.filter(site=site)
        .select_related("logo", "share_image")
        .prefetch_related("social_links")
        .first()
    )
    logo = identity.logo if identity else None
    share_image = identity.share_image if identity else None
    return {
        "quick_links": [
            {**_link(item, request, item.label), "description": item.description, "icon": item.icon}
            for item in _links(QuickLink, site)
        ],
        "main_menu": [
            _link(item, request, item.get_label()) for item in _links(MainMenuItem, site)
        ],
        "footer_links": [_link(item, request, item.label) for item in _links(FooterLink, site)],
        "feeds": _feeds(site, request),
        "identity": {
            "logo_url": logo.get_rendition("height-96").url if logo else "",
            "share_image": _share_image(share_image),
            "address": identity.address if identity else "",
            "email": identity.email if identity else "",
            "phone": identity.phone if identity else "",
            "social_links": [
                {"network": link.get_network_display(), "url": link.url}
                for link in (identity.social_links.all() if identity else [])
            ],
        },
    }


def _feeds(site, request):
    """The feeds every page announces in its <head>: those of the listing pages (of the types
    the apps register under `site_feed_page_types`) wherever editors placed them, all read
    in one query, as base pages."""
    types = [model for hook in hooks.get_hooks("site_feed_page_types") for model in hook()]
    if not types:
        return []
    sections = public(
        Page.objects.live()
        .type(*types)
        .filter(path__startswith=site.root_page.path)
        .order_by("path")
        .only("id", "path", "url_path", "content_type_id")
    )
    return [
        link for page in sections for link in page.specific_class.feed_links(page.get_url(request))
    ]


def get_navigation(request):
    site = Site.find_for_request(request)
    if site is None:
        return EMPTY
    return remember(request, ("navigation", site.pk), lambda: _shared_navigation(site, request))


def _shared_navigation(site, request):
    """Built by the first worker of any server, then read by the others from the cache."""
    generation = request_generation(request)
    if generation is None:  # the cache does not answer: build it, keep nothing
        return build_navigation(site, request)
    key = CACHE_KEY.format(generation=generation, site_id=site.pk)
    data = cache.get(key)
    if data is None:
        data = build_navigation(site, request)
        cache.set(key, data, timeout=CACHE_SECONDS)
    return data

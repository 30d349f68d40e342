from django.urls import reverse

from wagtail import hooks

from .views import SITEMAP_SECTIONS


@hooks.register("frontend_cache_site_listings")
def sitemaps(site):
    """The sitemap lists every page; so does, when it is an index, one of its sections."""
    return [
        reverse("sitemap"),
        *(reverse("sitemap-section", args=[section]) for section in SITEMAP_SECTIONS),
    ]

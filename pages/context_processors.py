from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .navigation import get_navigation


def site_name(request):
    """The site's name (WAGTAIL_SITE_NAME) for titles and the footer."""
    return {"site_name": settings.WAGTAIL_SITE_NAME}


def navigation(request):
    """Header/footer data for every template, read from the cache only when a template uses it."""
    return {"navigation": SimpleLazyObject(lambda: get_navigation(request))}

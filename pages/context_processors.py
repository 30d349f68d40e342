from django.utils.functional import SimpleLazyObject

from .navigation import get_navigation


def navigation(request):
    """Header/footer data for every template, read from the cache only when a template uses it."""
    return {"navigation": SimpleLazyObject(lambda: get_navigation(request))}

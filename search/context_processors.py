from django.urls import reverse

from .query import MAX_QUERY_LENGTH


def search_form(request):
    """Where the header's and the 404 page's search forms send a query, and how long it may
    be: the search view's own address and limit, so that neither is written in a template."""
    return {"search_form": {"url": reverse("search"), "max_length": MAX_QUERY_LENGTH}}

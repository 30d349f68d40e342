from django.urls import reverse

from pages.search_text import MAX_QUERY_LENGTH


def site_search(request):
    """Where the header's and the 404 page's search forms send a query, and how long it may
    be: the search view's own address and limit, so that neither is written in a template.
    Not named `search_form`: the admin's listings have a variable of that name."""
    return {"site_search": {"url": reverse("search"), "max_length": MAX_QUERY_LENGTH}}

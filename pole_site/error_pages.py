"""Error pages that render without the database, the cache or the request's context
processors: they are what a visitor sees precisely when those fail."""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.template import loader

RETRY_AFTER_SECONDS = 30


# What the error pages show, since they render without context processors.
ERROR_PAGE_CONTEXT = {"site_name": settings.WAGTAIL_SITE_NAME}


def database_unavailable_response():
    """A plain 503 rendered without the database, context processors or the request."""
    html = loader.get_template("503.html").render(ERROR_PAGE_CONTEXT)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Read by the page cache, which serves its last copy of the page instead.
    response.database_unavailable = True
    return response


def bad_request(request, exception=None):
    """400 handler, in French, rendered without the request: a foreign Host header is the
    usual cause, and anything that reads the request's host would raise again."""
    return HttpResponseBadRequest(loader.get_template("400.html").render(ERROR_PAGE_CONTEXT))


def server_error(request):
    """500 handler that renders without database or context processors.

    A database lost inside middleware (before any view runs) ends here rather than in
    DatabaseUnavailableMiddleware, so the same 503 decision is made again.
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable_response()
    return HttpResponseServerError(loader.get_template("500.html").render(ERROR_PAGE_CONTEXT))

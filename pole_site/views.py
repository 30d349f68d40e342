"""Health checks and error pages: views that must work when the rest of the site does not."""

import sys

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.static import serve

from .middleware import database_unavailable_response


@never_cache
def health(request):
    """Liveness: the process answers. Touches neither the database nor the cache."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def ready(request):
    """Readiness: database and cache both answer, else 503 so the balancer routes around us."""
    checks = {}
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # any failure means "not ready"
        checks["database"] = "indisponible"
    try:
        cache.set("health-ready", "ok", 5)
        checks["cache"] = "ok" if cache.get("health-ready") == "ok" else "indisponible"
    except Exception:
        checks["cache"] = "indisponible"
    status = 200 if all(value == "ok" for value in checks.values()) else 503
    return JsonResponse(checks, status=status)


def server_error(request):
    """500 handler that renders without database or context processors.

    A database lost inside middleware (before any view runs) ends here rather than in
    DatabaseUnavailableMiddleware, so the same 503 decision is made again.
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable_response()
    return HttpResponseServerError(loader.get_template("500.html").render())


def media(request, path):
    """Uploaded images (see SERVE_MEDIA); MEDIA_ROOT read per request, not frozen at import."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)

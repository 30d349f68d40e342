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
    """Readiness: 503 when the database does not answer, so the balancer routes around us.

    A cache that does not answer is reported ("dégradé") but keeps the instance ready: pages
    are then served uncached (see pole_site.cache_backends), and every instance shares that
    cache, so taking them all out of the balancer would turn a slow site into no site.
    """
    checks = {}
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # any failure means "not ready"
        checks["database"] = "indisponible"
    checks["cache"] = "ok" if cache_answers() else "dégradé"
    status = 200 if checks["database"] == "ok" else 503
    return JsonResponse(checks, status=status)


def cache_answers():
    available = getattr(cache, "available", None)
    if available is not None:
        return available()
    try:
        cache.set("health-ready", "ok", 5)
        return cache.get("health-ready") == "ok"
    except Exception:
        return False


def server_error(request):
    """500 handler that renders without database or context processors.

    A database lost inside middleware (before any view runs) ends here rather than in
    DatabaseUnavailableMiddleware, so the same 503 decision is made again.
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable_response()
    return HttpResponseServerError(loader.get_template("500.html").render())


# A rendition's file name carries its source file's name, its filter spec and its focal point,
# and a new file is never written over an existing one: one address, one content, cached for
# good (see pole_site/storage.py for the case where a name could come back). An original
# image's address can come back with other content: replacing a file deletes the old one,
# and a later upload of the same file name takes its name again. A day bounds how long an
# out-of-date original can be shown.
RENDITION_CACHE_CONTROL = "public, max-age=31536000, immutable"
ORIGINAL_IMAGE_CACHE_CONTROL = "public, max-age=86400"


def media(request, path):
    """Uploaded images (see SERVE_MEDIA); MEDIA_ROOT read per request, not frozen at import.

    Missing files are a 404 and paths leaving MEDIA_ROOT are refused, by Django's `serve`.
    """
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = (
        RENDITION_CACHE_CONTROL if path.startswith("images/") else ORIGINAL_IMAGE_CACHE_CONTROL
    )
    return response

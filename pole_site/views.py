"""Health checks, error pages and uploaded images: views that must work when the rest of the
site does not, or that serve files rather than pages."""

import datetime
import sys

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.db import InterfaceError, OperationalError, connection
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseServerError,
    JsonResponse,
)
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.static import serve

from .middleware import ERROR_PAGE_CONTEXT, database_unavailable_response


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


# A rendition's file name carries its source file's name, its filter spec and its focal point,
# and a new file is never written over an existing one: one address, one content, cached for
# good (see pole_site/storage.py for the case where a name could come back). An original
# image's address can come back with other content: replacing a file deletes the old one,
# and a later upload of the same file name takes its name again. A day bounds how long an
# out-of-date original can be shown.
RENDITION_CACHE_CONTROL = "public, max-age=31536000, immutable"
ORIGINAL_IMAGE_CACHE_CONTROL = "public, max-age=86400"


# A file name the file system can hold (NAME_MAX of ext4 and most others).
MAX_FILE_NAME_LENGTH = 255


def is_servable(path):
    """Could this be one of our files? Names Wagtail writes never hold these; a request for
    one is a probe, answered 404 without touching the disk or logging a traceback."""
    parts = path.split("/")
    return all(
        part not in ("", ".", "..")
        and len(part.encode()) <= MAX_FILE_NAME_LENGTH
        and part.isprintable()
        and "\\" not in part
        for part in parts
    )


def media(request, path):
    """Uploaded images (see SERVE_MEDIA); MEDIA_ROOT read per request, not frozen at import.

    Whatever the path, the answer is the file or a 404. An image is sent with the policy of a
    document that runs nothing (an SVG opened directly cannot run a script on our origin) and
    may be shown by other sites (feeds, press).
    """
    if not is_servable(path):
        raise Http404("Fichier introuvable")
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError, SuspiciousFileOperation):
        raise Http404("Fichier introuvable") from None
    response["Cache-Control"] = (
        RENDITION_CACHE_CONTROL if path.startswith("images/") else ORIGINAL_IMAGE_CACHE_CONTROL
    )
    response["Content-Security-Policy"] = settings.MEDIA_CONTENT_SECURITY_POLICY
    response["Cross-Origin-Resource-Policy"] = settings.MEDIA_CROSS_ORIGIN_RESOURCE_POLICY
    return response


def security_txt(request):
    """/.well-known/security.txt (RFC 9116): whom to tell about a vulnerability."""
    from pages.public_address import absolute_url

    contacts = settings.SECURITY_TXT_CONTACT or [default_security_contact(request)]
    expires = settings.SECURITY_TXT_EXPIRES or (
        datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=180)
    ).replace(microsecond=0)
    lines = [
        *(f"Contact: {contact}" for contact in contacts),
        f"Expires: {expires.astimezone(datetime.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: fr, en",
        f"Canonical: {absolute_url(request, '/.well-known/security.txt')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def default_security_contact(request):
    """The site's contact form when there is one, else the address the site writes from."""
    from pages.models import ContactPage

    contact = ContactPage.objects.live().public().first()
    if contact is not None:
        return contact.get_full_url(request)
    return f"mailto:{settings.DEFAULT_FROM_EMAIL}"

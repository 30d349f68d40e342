"""Site-wide HTTP behaviour that no single app owns: security headers and database outages."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError

from csp.middleware import CSPMiddleware, PolicyParts

from . import health
from .error_pages import database_unavailable_response

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """Turn a lost database into a 503 "come back shortly" page instead of a 500.

    Placed first so that its process_exception sees errors raised by any view or template;
    errors raised inside other middleware reach `pole_site.error_pages.server_error`, which makes
    the same decision.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            logger.error("Database unavailable: %s", exception)
            return database_unavailable_response()
        return None


class SecurityHeadersMiddleware:
    """The headers Django's SecurityMiddleware does not set: no powerful browser features
    (camera, microphone, location), and no reading of our responses by other sites' pages
    (Cross-Origin-Resource-Policy; uploaded images set their own, see views.media)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY)
        return response


class AdminFramingMiddleware:
    """X-Frame-Options that says what the admin's CSP says: the admin frames itself for its
    previews (SAMEORIGIN, frame-ancestors 'self'). Placed after Django's
    XFrameOptionsMiddleware, which keeps this value and sends DENY everywhere else, as the
    public policy's frame-ancestors 'none' does."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(settings.ADMIN_URL_PREFIX):
            response.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response


class HeadWithoutBodyMiddleware:
    """A HEAD response carries the headers of the GET, never its body (RFC 9110 §9.3.2).

    Django leaves that to the server; runserver drops the body, gunicorn sends it. First in
    MIDDLEWARE, so that Content-Length is already that of the GET's body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                response.close()
                response.streaming_content = []
            else:
                response.content = b""
        return response


class SiteCSPMiddleware(CSPMiddleware):
    """Strict policy for the public site, a workable one under the Wagtail admin."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(settings.ADMIN_URL_PREFIX):
            return PolicyParts(config=settings.ADMIN_CONTENT_SECURITY_POLICY, nonce=parts.nonce)
        return parts


class HealthCheckMiddleware:
    """Answer the health probes before host validation and HTTPS redirection.

    Load balancers and container runtimes probe by IP over plain HTTP: with Django's
    ALLOWED_HOSTS check they would get a 400 (and log a DisallowedHost error) every time.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.routes = {"/health/": health.health, "/health/ready/": health.ready}

    def __call__(self, request):
        view = self.routes.get(request.path_info)
        if view is not None and request.method in ("GET", "HEAD"):
            return view(request)
        return self.get_response(request)

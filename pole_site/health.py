"""Health probes for load balancers and container runtimes: answered before host validation
and HTTPS redirection (see middleware.HealthCheckMiddleware), never cached."""

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache


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

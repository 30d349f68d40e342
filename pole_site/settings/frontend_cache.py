"""Purging a CDN or reverse proxy in front of the site (wagtail.contrib.frontend_cache).

Off unless FRONTEND_CACHE names a backend, so a development machine never sends purges.
A half-configured backend refuses to start: a site whose purges silently go nowhere would
show stale pages for as long as the cache keeps them, and nobody would know why.

    FRONTEND_CACHE=http         FRONTEND_CACHE_LOCATION=http://127.0.0.1:6081[,http://…]
    FRONTEND_CACHE=cloudflare   CLOUDFLARE_BEARER_TOKEN=…  CLOUDFLARE_ZONE_ID=…
    FRONTEND_CACHE=cloudfront   CLOUDFRONT_DISTRIBUTION_ID=…  (needs boto3; AWS credentials
                                from boto3's usual sources: AWS_ACCESS_KEY_ID…, instance role)
"""

import importlib.util
import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

__all__ = ["FRONTEND_CACHE", "WAGTAILFRONTENDCACHE", "WAGTAILFRONTENDCACHE_LANGUAGES"]

FRONTEND_CACHE_BACKENDS = ("http", "cloudflare", "cloudfront")
FRONTEND_CACHE = os.environ.get("FRONTEND_CACHE", "").strip().lower()


def _required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"FRONTEND_CACHE={FRONTEND_CACHE} requires {name} to be set.")
    return value


def _http_backends():
    """One backend per Varnish server: each must be told, since each holds its own copies."""
    locations = [
        item.strip() for item in _required("FRONTEND_CACHE_LOCATION").split(",") if item.strip()
    ]
    backends = {}
    for number, location in enumerate(locations, start=1):
        parts = urlsplit(location)
        try:
            parts.port  # noqa: B018 - raises ValueError on a port that is not a number
        except ValueError:
            parts = parts._replace(scheme="")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ImproperlyConfigured(
                "FRONTEND_CACHE_LOCATION must list URLs such as http://127.0.0.1:6081 "
                f"(comma-separated), not {location!r}."
            )
        if parts.path not in ("", "/") or parts.query:
            raise ImproperlyConfigured(
                f"FRONTEND_CACHE_LOCATION {location!r}: give the server only, without a path: "
                "the purged page's path is added to it."
            )
        backends[f"varnish{number}" if len(locations) > 1 else "varnish"] = {
            "BACKEND": "pole_site.frontend_cache.VarnishBackend",
            "LOCATION": f"{parts.scheme}://{parts.netloc}",
        }
    if not backends:
        raise ImproperlyConfigured(
            "FRONTEND_CACHE=http requires FRONTEND_CACHE_LOCATION to be set."
        )
    return backends


if FRONTEND_CACHE == "":
    WAGTAILFRONTENDCACHE = {}
elif FRONTEND_CACHE == "http":
    WAGTAILFRONTENDCACHE = _http_backends()
elif FRONTEND_CACHE == "cloudflare":
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": _required("CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": _required("CLOUDFLARE_ZONE_ID"),
        }
    }
elif FRONTEND_CACHE == "cloudfront":
    if importlib.util.find_spec("boto3") is None:
        raise ImproperlyConfigured(
            "FRONTEND_CACHE=cloudfront needs the boto3 package, which is not installed "
            "(add boto3 to the dependencies)."
        )
    WAGTAILFRONTENDCACHE = {
        "cloudfront": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": _required("CLOUDFRONT_DISTRIBUTION_ID"),
        }
    }
else:
    raise ImproperlyConfigured(
        f"FRONTEND_CACHE={FRONTEND_CACHE!r} is not known: leave it empty (no purge) or use "
        f"one of {', '.join(FRONTEND_CACHE_BACKENDS)}."
    )

# No language prefix in the site's URLs: purge each URL as it is.
WAGTAILFRONTENDCACHE_LANGUAGES = []

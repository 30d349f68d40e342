"""The site's public address (SITE_URL), and the absolute URLs built from it.

Search engines, feed readers, social networks and e-mails need absolute URLs; they must all
give the address visitors use, never the one a request happened to arrive on (a container's
IP, a proxy's `localhost`). Wagtail keeps that address in each Site record (hostname, port →
`root_url`): SITE_URL is written into the default site by `load_demo` and `set_site_url`, and
every absolute URL is the request's site's `root_url` followed by a path. Other Wagtail sites,
if any, keep their own addresses.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from wagtail.models import Site

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1", "testserver"}


def parse(url):
    """(hostname, port) of a site address, as a Wagtail Site record holds it.

    Wagtail derives the scheme from the port (80: http, 443: https, any other: http), so an
    HTTPS address must use port 443 and an HTTP one any port but 443.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(f"SITE_URL must be http(s)://host[:port], not {url!r}.")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ImproperlyConfigured(f"SITE_URL is an address without a path, not {url!r}.")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if (parts.scheme == "https") != (port == 443):
        raise ImproperlyConfigured(
            f"SITE_URL {url!r}: Wagtail serves https on port 443 only, and http on any other."
        )
    return parts.hostname, port


def apply_to_site(site, url=None):
    """Write the address into `site` (the default one); True when it changed."""
    hostname, port = parse(url or settings.SITE_URL)
    if (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True


def root_url(request=None):
    """The address of the request's site (the default site without a request), no slash."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site is not None else settings.SITE_URL.rstrip("/")


def absolute_url(request, path):
    """`path` (a site-relative URL such as a rendition's or a static file's) made absolute on
    the site's public address; an absolute URL (a CDN, another site) is returned as it is."""
    if urlsplit(path).scheme:
        return path
    return root_url(request) + "/" + path.lstrip("/")

"""SITE_URL must be an address Wagtail can hold; in production (`check --deploy`), a public
HTTPS one, and the one the default Wagtail site has."""

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError

from .public_address import LOCAL_HOSTS, parse


@register("sites")
def site_url_check(app_configs, **kwargs):
    try:
        parse(settings.SITE_URL)
    except ImproperlyConfigured as error:
        return [Error(str(error), id="pages.E001")]
    return []


@register("sites", deploy=True)
def public_address_check(app_configs, **kwargs):
    try:
        hostname, port = parse(settings.SITE_URL)
    except ImproperlyConfigured:
        return []  # site_url_check reports it
    warnings = []
    if hostname in LOCAL_HOSTS:
        warnings.append(
            Warning(
                f"SITE_URL is {settings.SITE_URL}: the sitemap, feeds and shared links would "
                "send visitors to this machine.",
                hint="Set SITE_URL to the public address, e.g. https://www.example.fr.",
                id="pages.W001",
            )
        )
    elif port != 443:
        warnings.append(
            Warning(
                f"SITE_URL is {settings.SITE_URL}: not HTTPS.",
                hint="Serve the site over HTTPS and set SITE_URL to its https:// address.",
                id="pages.W002",
            )
        )
    from wagtail.models import Site

    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:  # not migrated yet: nothing to compare
        return warnings
    if site is not None and (site.hostname, site.port) != (hostname, port):
        warnings.append(
            Warning(
                f"The default Wagtail site's address is {site.root_url}, not SITE_URL "
                f"({settings.SITE_URL}): absolute URLs would use {site.root_url}.",
                hint="Run `python manage.py set_site_url` (a release step, after migrate).",
                id="pages.W003",
            )
        )
    return warnings

"""One public address (SITE_URL) in every absolute URL, whatever address a request came in on."""

import io
import xml.etree.ElementTree as ET

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Site

import pytest
from bs4 import BeautifulSoup

from pages import checks
from pages.public_address import parse
from tests.factories import StandardPageFactory

SITE = settings.SITE_URL
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.example.fr", ("www.example.fr", 443)),
        ("https://www.example.fr/", ("www.example.fr", 443)),
        ("http://127.0.0.1:8080", ("127.0.0.1", 8080)),
        ("http://example.fr", ("example.fr", 80)),
    ],
)
def test_an_address_becomes_what_wagtail_keeps(url, expected):
    assert parse(url) == expected


@pytest.mark.parametrize(
    "url", ["www.example.fr", "https://www.example.fr/site/", "https://example.fr:8443", "ftp://x"]
)
def test_an_address_wagtail_cannot_keep_is_refused(url):
    with pytest.raises(ImproperlyConfigured):
        parse(url)


def canonical(response):
    return BeautifulSoup(response.content, "html.parser").find("link", rel="canonical")["href"]


def test_a_request_on_another_address_gets_the_public_one(client, demo):
    """A proxy's or a container's address never leaks into what machines keep."""
    for host in ("10.0.0.5:8000", "localhost"):
        assert canonical(client.get("/le-pole/", HTTP_HOST=host)) == f"{SITE}/le-pole/"
        sitemap = ET.fromstring(client.get("/sitemap.xml", HTTP_HOST=host).content)  # noqa: S314
        locations = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
        assert locations and all(loc.startswith(f"{SITE}/") for loc in locations)
        feed = client.get("/actualites/rss/", HTTP_HOST=host).content.decode()
        assert host not in feed


def test_every_sitemap_address_is_public_and_served(client, demo):
    sitemap = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314
    locations = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
    assert len(locations) > 10
    for location in locations:
        assert location.startswith(f"{SITE}/")
        assert client.get(location.removeprefix(SITE)).status_code == 200, location


def test_set_site_url_writes_the_default_site(demo, settings):
    out = io.StringIO()
    call_command("set_site_url", "https://www.pole-rouen-seine-eure.fr", stdout=out)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("www.pole-rouen-seine-eure.fr", 443)
    assert "https://www.pole-rouen-seine-eure.fr" in out.getvalue()
    settings.SITE_URL = "http://127.0.0.1:8081"
    call_command("set_site_url", stdout=out)
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8081"
    call_command("set_site_url", stdout=(again := io.StringIO()))
    assert "inchangée" in again.getvalue()


def test_set_site_url_refuses_an_address_it_cannot_keep(demo):
    with pytest.raises(CommandError, match="443"):
        call_command("set_site_url", "https://www.example.fr:8443", stdout=io.StringIO())


def test_another_wagtail_site_keeps_its_own_address(client, demo):
    other_root = StandardPageFactory(parent=Site.objects.get().root_page, slug="autre-site")
    Site.objects.create(hostname="autre.example", port=443, root_page=other_root)
    response = client.get("/", HTTP_HOST="autre.example")
    assert canonical(response) == "https://autre.example/"
    assert canonical(client.get("/le-pole/")) == f"{SITE}/le-pole/"


@pytest.mark.parametrize(
    "url, expected",
    [
        ("http://127.0.0.1:8000", ["pages.W001"]),
        ("http://www.example.fr", ["pages.W002"]),
        ("https://www.example.fr", []),
    ],
)
def test_deploy_check_warns_about_a_local_or_plain_http_address(settings, db, url, expected):
    settings.SITE_URL = url
    hostname, port = parse(url)
    Site.objects.filter(is_default_site=True).update(hostname=hostname, port=port)
    assert [warning.id for warning in checks.public_address_check(None)] == expected


def test_deploy_check_warns_when_the_site_has_another_address(settings, demo):
    settings.SITE_URL = "https://www.example.fr"
    warnings = checks.public_address_check(None)
    assert [warning.id for warning in warnings] == ["pages.W003"]
    assert "set_site_url" in warnings[0].hint
    call_command("set_site_url", stdout=io.StringIO())
    assert checks.public_address_check(None) == []


def test_an_invalid_address_stops_every_command(settings):
    settings.SITE_URL = "https://www.example.fr:8443"
    assert [error.id for error in checks.site_url_check(None)] == ["pages.E001"]


def test_the_first_run_message_gives_the_address_served(settings, db):
    """`PORT=8080 make run` serves, and prints, http://127.0.0.1:8080 (SITE_URL from PORT)."""
    settings.DEBUG = True
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8080"
    out = io.StringIO()
    call_command("create_dev_editor", stdout=out)
    assert "adresse : http://127.0.0.1:8080/admin/" in out.getvalue()
    assert "8000" not in out.getvalue()

"""What an outside tester probing the site gets: 4xx for junk, headers that agree, honest
OPTIONS and HEAD, a French 400 page, one log line per foreign host, security.txt."""

import datetime
import logging
import wsgiref.util

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

import pytest

from tests.factories import ContactPageFactory

from .test_security import directives

LONG = "a" * 3000


@pytest.fixture
def media_folder(settings, tmp_path, home):
    """A media folder as the site has it, with one real image."""
    settings.MEDIA_ROOT = str(tmp_path)
    for folder in ("images", "original_images"):
        (tmp_path / folder).mkdir()
    (tmp_path / "images" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    )
    return tmp_path


@pytest.mark.parametrize(
    "path",
    [
        f"/media/images/{LONG}.png",
        f"/media/original_images/{LONG}.png",
        f"/media/images/{LONG}/{LONG}.png",
        "/media/images/nul%00.png",
        "/media/images/%ff%fe.png",
        "/media/images/retour%0d%0aligne.png",
        "/media/images/..%2f..%2fpole_site%2fsettings%2fbase.py",
        "/media/images/%2e%2e/%2e%2e/etc/passwd",
        "/media/images/..%5c..%5cetc%5cpasswd",
        "/media/images//etc/passwd",
        "/media/images/./logo.svg",
        f"/documents/1/{LONG}.pdf",
        "/documents/1/nul%00.pdf",
        "/documents/1/..%2f..%2fetc%2fpasswd",
        "/documents/99999999999999999999999999/x.pdf",
        f"/{LONG}/",
        "/actualites/%00/",
        "/actualites/%ff/",
    ],
)
def test_junk_paths_are_404(client, media_folder, path):
    assert client.get(path).status_code == 404


def test_an_uploaded_image_runs_nothing_and_may_be_shown_elsewhere(client, media_folder):
    response = client.get("/media/images/logo.svg")
    assert response.status_code == 200
    assert (
        response["Content-Security-Policy"]
        == "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_pages_may_not_be_loaded_by_other_sites(client, home):
    assert client.get("/")["Cross-Origin-Resource-Policy"] == "same-origin"


def test_framing_headers_agree(client, home):
    public = client.get("/")
    assert public["X-Frame-Options"] == "DENY"
    assert directives(public["Content-Security-Policy"])["frame-ancestors"] == {"'none'"}
    admin = client.get("/admin/login/")
    assert admin["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(admin["Content-Security-Policy"])["frame-ancestors"] == {"'self'"}


def allowed(response):
    return {method.strip() for method in response["Allow"].split(",")}


def test_options_says_what_a_page_accepts(client, home):
    response = client.options("/")
    assert response.status_code == 200
    assert allowed(response) == {"GET", "HEAD", "OPTIONS"}
    contact = ContactPageFactory(parent=home, slug="contact")
    assert allowed(client.options(contact.url)) == {"GET", "HEAD", "OPTIONS", "POST"}


@pytest.mark.parametrize("method", ["delete", "put", "patch", "post"])
def test_pages_refuse_writes(client, home, method):
    response = getattr(client, method)("/")
    assert response.status_code == 405
    assert "DELETE" not in response["Allow"]


@pytest.mark.parametrize("method", ["options", "post", "delete"])
def test_search_only_reads(client, home, method):
    response = getattr(client, method)("/recherche/")
    assert response.status_code == 405
    assert allowed(response) == {"GET", "HEAD"}


def wsgi(method, path):
    """What a WSGI server such as gunicorn receives from the site (Django's test client
    drops HEAD bodies itself, hiding what gunicorn would send)."""
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "HTTP_HOST": "localhost"}
    wsgiref.util.setup_testing_defaults(environ)
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=status, headers=dict(headers))

    # The handler closes the database connection after each request, as in production; the
    # test's transaction needs it open.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        body = b"".join(WSGIHandler()(environ, start_response))
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
    return started["status"], started["headers"], body


@pytest.mark.parametrize("path", ["/", "/media/images/logo.svg", "/robots.txt"])
def test_head_sends_the_headers_of_get_without_the_body(media_folder, path, settings):
    settings.PAGE_CACHE_SECONDS = 0
    get_status, get_headers, get_body = wsgi("GET", path)
    head_status, head_headers, head_body = wsgi("HEAD", path)
    assert get_status == head_status == "200 OK"
    assert get_body and head_body == b""
    assert head_headers["Content-Type"] == get_headers["Content-Type"]
    assert int(head_headers["Content-Length"]) == len(get_body)


@pytest.fixture
def served_hosts(settings):
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]


def test_a_foreign_host_gets_the_french_400_page(client, home, served_hosts):
    response = client.get("/", HTTP_HOST="intrus.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="fr">' in html and "Requête incorrecte" in html


def test_a_foreign_host_is_one_warning_line(client, home, caplog, settings, served_hosts):
    formatter = logging.Formatter(settings.LOGGING["formatters"]["line"]["format"])
    with caplog.at_level(logging.INFO):
        for number in range(3):
            client.get("/", HTTP_HOST=f"intrus{number}.example")
    lines = [formatter.format(record) for record in caplog.records]
    assert len(lines) == 3
    for number, line in enumerate(lines):
        assert "\n" not in line
        assert " WARNING django.security.DisallowedHost " in line
        assert f"intrus{number}.example" in line


def security_txt(client):
    response = client.get("/.well-known/security.txt", secure=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = {}
    for line in response.content.decode().splitlines():
        name, _, value = line.partition(": ")
        fields.setdefault(name, []).append(value)
    return fields


def test_security_txt_points_to_the_contact_page(client, home):
    ContactPageFactory(parent=home, slug="contact")
    fields = security_txt(client)
    assert fields["Contact"] == [f"{settings.SITE_URL}/contact/"]
    assert fields["Canonical"] == [f"{settings.SITE_URL}/.well-known/security.txt"]
    assert fields["Preferred-Languages"] == ["fr, en"]
    expires = datetime.datetime.strptime(fields["Expires"][0], "%Y-%m-%dT%H:%M:%SZ")
    days = (expires.replace(tzinfo=datetime.UTC) - datetime.datetime.now(datetime.UTC)).days
    assert 0 < days < 365  # RFC 9116: less than a year ahead


def test_security_txt_from_settings(client, home, settings):
    settings.SECURITY_TXT_CONTACT = ["mailto:securite@example.fr", "https://example.fr/secu"]
    settings.SECURITY_TXT_EXPIRES = datetime.datetime(2027, 6, 30, tzinfo=datetime.UTC)
    fields = security_txt(client)
    assert fields["Contact"] == settings.SECURITY_TXT_CONTACT
    assert fields["Expires"] == ["2027-06-30T00:00:00Z"]

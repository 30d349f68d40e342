"""Headers every browser receives: a strict CSP on the site, a workable one in the admin."""

import pytest


def directives(header):
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = set(values)
    return parsed


@pytest.fixture
def home_response(client, home):
    return client.get("/")


def test_public_pages_get_the_strict_policy(home_response):
    csp = directives(home_response["Content-Security-Policy"])
    assert csp["default-src"] == {"'none'"}
    assert csp["img-src"] == {"'self'", "data:"}
    assert csp["font-src"] == csp["connect-src"] == {"'self'"}
    assert csp["script-src"] == {"'self'"}
    assert csp["style-src"] == {"'self'"}
    assert csp["frame-ancestors"] == {"'none'"}
    assert csp["object-src"] == {"'none'"}
    assert csp["base-uri"] == {"'self'"}
    assert csp["form-action"] == {"'self'"}
    assert "'unsafe-inline'" not in home_response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in home_response["Content-Security-Policy"]


def test_the_404_page_gets_the_strict_policy_too(client, home):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert directives(response["Content-Security-Policy"])["script-src"] == {"'self'"}


def test_admin_gets_its_own_policy(client, home):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    csp = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in csp["style-src"]
    assert csp["frame-ancestors"] == {"'self'"}  # the preview panel frames the page
    assert csp["object-src"] == {"'none'"}


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("X-Content-Type-Options", "nosniff"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
    ],
)
def test_security_headers(home_response, header, value):
    assert home_response[header] == value


def test_permissions_policy_denies_camera_microphone_geolocation(home_response):
    policy = home_response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy


def test_django_admin_is_not_exposed(client, home):
    assert client.get("/django-admin/").status_code == 404

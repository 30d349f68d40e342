"""The visitor's address, as every per-visitor count reads it."""

from django.test import RequestFactory

import pytest

from pole_site.client_ip import client_ip, client_key


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "expected"),
    [
        ("198.51.100.7", "", "127.0.0.1", "198.51.100.7"),
        # Not through our proxy: X-Forwarded-For is whatever the client wrote.
        ("198.51.100.7", "203.0.113.1", "127.0.0.1", "198.51.100.7"),
        ("127.0.0.1", "203.0.113.1", "127.0.0.1", "203.0.113.1"),
        ("172.18.0.5", "10.0.0.1, 203.0.113.1, 172.18.0.9", "172.18.0.0/16", "203.0.113.1"),
        ("172.18.0.5", "203.0.113.1", "*", "203.0.113.1"),
        ("127.0.0.1", "pas-une-adresse", "127.0.0.1", "127.0.0.1"),
    ],
)
def test_client_ip(settings, remote, forwarded, trusted, expected):
    settings.TRUSTED_PROXIES = [trusted]
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert str(client_ip(request)) == expected


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("2001:db8:1:2::7", "2001:db8:1:2::/64"),
        ("pas-une-adresse", "unknown"),
    ],
)
def test_client_key_groups_an_ipv6_visitor_by_64_block(remote, expected):
    assert client_key(RequestFactory().get("/", REMOTE_ADDR=remote)) == expected

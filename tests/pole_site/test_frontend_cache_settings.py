"""FRONTEND_CACHE: off by default, and a half-configured CDN or Varnish refuses to start."""

import runpy
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import pytest

SETTINGS = Path(__file__).resolve().parents[2] / "pole_site" / "settings" / "frontend_cache.py"


def load(monkeypatch, **env):
    for name in ("FRONTEND_CACHE", "FRONTEND_CACHE_LOCATION", "CLOUDFLARE_BEARER_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))["WAGTAILFRONTENDCACHE"]


def test_off_by_default(monkeypatch):
    assert load(monkeypatch) == {}


def test_one_backend_per_varnish_server(monkeypatch):
    backends = load(
        monkeypatch,
        FRONTEND_CACHE="http",
        FRONTEND_CACHE_LOCATION="http://127.0.0.1:6081, http://127.0.0.2:6081",
    )
    assert [b["LOCATION"] for b in backends.values()] == [
        "http://127.0.0.1:6081",
        "http://127.0.0.2:6081",
    ]


@pytest.mark.parametrize(
    "env",
    [
        {"FRONTEND_CACHE": "varnish"},
        {"FRONTEND_CACHE": "http"},
        {"FRONTEND_CACHE": "http", "FRONTEND_CACHE_LOCATION": "127.0.0.1:6081"},
        {"FRONTEND_CACHE": "http", "FRONTEND_CACHE_LOCATION": "http://127.0.0.1:6081/purge"},
        {"FRONTEND_CACHE": "cloudflare", "CLOUDFLARE_BEARER_TOKEN": "x"},
    ],
)
def test_a_wrong_or_missing_value_stops_the_site(monkeypatch, env):
    with pytest.raises(ImproperlyConfigured):
        load(monkeypatch, **env)

"""The cache backends: Redis failing open, and renditions never written back."""

import logging
import socket
import time

from django.core.cache import caches

import pytest

from pole_site.cache_backends import AddOnlyCache, FailOpenRedisCache


def unreachable_redis(**options):
    with socket.socket() as sock:  # a free port: connections are refused
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return FailOpenRedisCache(
        f"redis://127.0.0.1:{port}/0", {"OPTIONS": {"retry_after": 60, **options}}
    )


def test_redis_down_reads_as_an_empty_cache_and_writes_go_nowhere():
    cache = unreachable_redis()
    assert cache.get("page") is None
    assert cache.get("page", "défaut") == "défaut"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("a", 1) is False
    cache.set("a", 1)
    cache.set_many({"a": 1})
    cache.delete("a")
    assert cache.available() is False


def test_after_a_failure_redis_is_left_alone_and_one_warning_is_logged(caplog, monkeypatch):
    cache = unreachable_redis()
    attempts = []
    client = cache._cache.get_client
    monkeypatch.setattr(
        cache._cache, "get_client", lambda *a, **k: attempts.append(1) or client(*a, **k)
    )
    with caplog.at_level(logging.WARNING, logger="pole_site.cache_backends"):
        started = time.monotonic()
        for _ in range(100):
            cache.get("page")
        elapsed = time.monotonic() - started
    assert len(attempts) == 1  # one try, then a pause of retry_after seconds
    assert elapsed < 0.5
    assert len([r for r in caplog.records if "injoignable" in r.message]) == 1


def test_renditions_read_from_the_cache_are_not_written_back(client, demo, settings, monkeypatch):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "renditions": {"BACKEND": "pole_site.cache_backends.AddOnlyCache", "LOCATION": "default"},
    }
    client.get("/")  # renditions now in the cache
    writes = []
    default = caches["default"]
    for name in ("set", "set_many"):
        original = getattr(default, name)
        monkeypatch.setattr(
            default, name, lambda *a, _o=original, _n=name, **k: writes.append(_n) or _o(*a, **k)
        )
    response = client.get("/")
    assert response.status_code == 200
    assert writes == []
    assert isinstance(caches["renditions"], AddOnlyCache)


@pytest.mark.parametrize("method", ["set", "set_many"])
def test_add_only_cache_keeps_what_is_stored(settings, method):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "renditions": {"BACKEND": "pole_site.cache_backends.AddOnlyCache", "LOCATION": "default"},
    }
    renditions = caches["renditions"]
    renditions.clear()
    renditions.set("clé", "premier")
    if method == "set":
        renditions.set("clé", "second")
    else:
        renditions.set_many({"clé": "second"})
    assert renditions.get("clé") == "premier"
    renditions.delete("clé")  # Wagtail deletes a rendition's key with the rendition
    renditions.set("clé", "nouveau")
    assert caches["default"].get("clé") == "nouveau"

"""A Redis cache that fails open: when Redis is down, the site runs uncached instead of failing.

Everything the site keeps in the cache (whole pages, the header and footer, Wagtail's
renditions and site roots) can be rebuilt from the database, so a lost cache server must cost
speed, never a page. Django's own RedisCache raises on every call when Redis is unreachable;
this subclass answers as an empty cache would (a miss, a write that did not happen) and:

- stops asking Redis for `retry_after` seconds after a failure (per process), so a dead or
  hanging server costs one short time-out every few seconds, not one per cache call;
- logs a warning at most once a minute per process, not once per request.

`available()` tells the readiness probe whether Redis answers right now.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

WARNING_INTERVAL = 60  # seconds between two "cache unavailable" warnings of one process


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("retry_after", 5))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._down_until = 0.0
        self._last_warning = 0.0
        self._lock = threading.Lock()

    def _call(self, fallback, method, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return method(*args, **kwargs)
        except self._cache._lib.RedisError as error:
            self._failed(error)
            return fallback

    def _failed(self, error):
        now = time.monotonic()
        with self._lock:
            self._down_until = now + self.retry_after
            if now - self._last_warning < WARNING_INTERVAL and self._last_warning:
                return
            self._last_warning = now
        logger.warning(
            "Cache Redis injoignable (%s) : le site est servi sans cache ; nouvel essai dans "
            "%.0f s (ce message revient au plus une fois par minute).",
            error,
            self.retry_after,
        )

    def available(self):
        """Whether Redis answers a PING now (ignores the pause after a failure)."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except self._cache._lib.RedisError as error:
            self._failed(error)
            return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        # No fallback value would be right for a counter: callers decide what a failure means.
        return super().incr(key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        self._call(None, super().delete_many, keys, version)

    def clear(self):
        return self._call(False, super().clear)


class AddOnlyCache(BaseCache):
    """Another cache (LOCATION names its alias) in which a stored value is never rewritten.

    Wagtail looks renditions up in the "renditions" cache and writes each one it found back,
    even those it has just read from it: fourteen writes for the home page, a file written
    and renamed each with the file cache, a round trip each with Redis. A rendition's key
    names its image, filter and focal point, and Wagtail deletes that key when it deletes the
    rendition, so a value once stored never needs replacing: `set` here is the other cache's
    `add`, which skips what is already there. Its own VERSION (settings) sets its entries
    apart from the other cache's, and from those an earlier rendition model stored.
    """

    def __init__(self, server, params):
        super().__init__(params)
        self.alias = server

    @property
    def _cache(self):
        from django.core.cache import caches

        return caches[self.alias]

    def _version(self, version):
        return self.version if version is None else version

    def get(self, key, default=None, version=None):
        return self._cache.get(key, default, self._version(version))

    def get_many(self, keys, version=None):
        return self._cache.get_many(keys, self._version(version))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._cache.add(key, value, timeout, self._version(version))

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._cache.add(key, value, timeout, self._version(version))

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        for key, value in data.items():
            self._cache.add(key, value, timeout, self._version(version))
        return []

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._cache.touch(key, timeout, self._version(version))

    def delete(self, key, version=None):
        return self._cache.delete(key, self._version(version))

    def delete_many(self, keys, version=None):
        self._cache.delete_many(keys, self._version(version))

    def has_key(self, key, version=None):
        return self._cache.has_key(key, self._version(version))

    def incr(self, key, delta=1, version=None):
        return self._cache.incr(key, delta, self._version(version))

    def clear(self):
        self._cache.clear()

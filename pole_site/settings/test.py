"""Test suite: fast password hashing, no network, files in a throwaway media folder."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="pole-test-media-")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": {
        "BACKEND": "pole_site.cache_backends.AddOnlyCache",
        "LOCATION": "default",
        "VERSION": 2,
    },
}
# A public address unlike the test client's `testserver`, so that a URL built from the request
# instead of the site's address shows.
SITE_URL = "https://www.pole-test.example"
WAGTAILADMIN_BASE_URL = "http://testserver"

# Static files come from the finders, as in development (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The page cache is off for the suite, so that query counts and rendering tests measure the
# uncached pages; tests/pole_site/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = 0

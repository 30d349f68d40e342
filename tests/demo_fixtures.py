"""The demo site, loaded once per test module instead of once per test.

`load_demo` takes about a second; the tests read the same demo content hundreds of times.
tests/conftest.py imports `_demo_loaded` and `demo` from here, for every test module.
It is loaded inside a transaction opened for the whole module, and every test still runs in
its own savepoint on top of it (pytest-django's `db`), rolled back at the end: no test sees
what another one changed, so a test may edit the demo as freely as read it.
Each load writes its images and documents into a media folder of its own: the rollback
empties the database, not the disk, and a second load into the same folder would get
renamed files ("accord-cadre-mel_MwCLbiN.pdf").
"""

import io
import shutil
import tempfile

from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

import pytest

from pages.models import HomePage


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker):
    media = tempfile.mkdtemp(prefix="pole-test-demo-media-")
    media_settings = override_settings(MEDIA_ROOT=media)
    media_settings.enable()
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        # As Django's TestCase does, so that code asking for a durable atomic block still runs.
        outer._from_testcase = True
        outer.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            media_settings.disable()
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
    media_settings.disable()
    shutil.rmtree(media, ignore_errors=True)


@pytest.fixture
def demo(_demo_loaded, db):
    """The demo site exactly as `make run` loads it, as this test's savepoint leaves it."""
    cache.clear()
    return HomePage.objects.get()

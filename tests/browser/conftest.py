"""Playwright driving Debian's Chromium against Django's live server thread.

Unit tests read the HTML; only a real browser proves what a visitor gets: the Content-Security-
Policy actually enforced, keyboard focus, layout at phone width, and what axe-core measures on
the rendered page (checks.py). Everything here applies to tests/browser/ only.
"""

import contextlib
import io
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# Test modules take `expect` from here, and checks.py `Axe`, so that without Playwright they
# still import and their tests skip (or fail under REQUIRE_BROWSER=1) instead of breaking
# collection.
try:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import expect, sync_playwright
except ImportError as exc:  # the test extras are not installed
    PLAYWRIGHT_IMPORT_ERROR = exc
    Axe = expect = None
else:
    PLAYWRIGHT_IMPORT_ERROR = None

BROWSER_TESTS_DIR = Path(__file__).resolve().parent
CHROMIUM_PATH = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root in a container, where Chromium's sandbox cannot start
    "--disable-gpu",
    # No calls home: the tests must not depend on, nor wait for, the network.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Short enough that a missing element fails the test quickly, long enough for a busy CI box.
DEFAULT_TIMEOUT_MS = 10_000

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
MOBILE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark every test of this folder `browser`, so `-m "not browser"` runs the fast suite,
    and `django_db`, so that pytest-django creates the test database that `demo_site` fills.

    A test body runs in a transaction of its own that it never uses (the ORM is off limits
    there, see `browser`), rolled back after the browser has stopped. A conftest's
    collection hook sees the items of the whole run, hence the path check; `tryfirst` so the
    markers are there before pytest deselects with `-m`.
    """
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS_DIR):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db)


def missing_browser_reason():
    """Why the browser suite cannot run on this machine, or None when it can."""
    if PLAYWRIGHT_IMPORT_ERROR is not None:
        return (
            f"Playwright introuvable: {PLAYWRIGHT_IMPORT_ERROR}; "
            "installez les dépendances de test (make install-test)"
        )
    if not (CHROMIUM_PATH.is_file() and os.access(CHROMIUM_PATH, os.X_OK)):
        return f"Chromium introuvable: {CHROMIUM_PATH}; installez le paquet Debian chromium"
    return None


@pytest.fixture(scope="session", autouse=True)
def chromium_executable():
    """Chromium's path; skip the browser tests without it, or fail them if REQUIRE_BROWSER=1.

    Skipping lets a newcomer run `make test` without Chromium; CI sets REQUIRE_BROWSER=1 so
    that a broken installation can never pass as "all green, some skipped". Autouse and
    session-scoped so the check runs before the test database and live server are built.
    """
    reason = missing_browser_reason()
    if reason is not None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason} (REQUIRE_BROWSER=1)", pytrace=False)
        pytest.skip(reason)
    return CHROMIUM_PATH


@pytest.fixture(scope="session")
def _browser_server(django_db_setup, django_db_blocker):
    """Django's live server thread, serving the test database to Chromium for the session.

    Not pytest-django's `live_server`: a test requesting that one gets a transactional
    database emptied after every test, which would mean loading the demo for each of them.
    """
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def _pristine_database(django_db_setup, django_db_blocker):
    """The test database as the migrations leave it (Wagtail's root page, default site,
    collections), serialized once, for `demo_site` to restore after each module."""
    from django.db import connection

    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture(scope="module")
def demo_site(_browser_server, _pristine_database, django_db_blocker):
    """The demo content served by the live server, loaded once per module; its base URL.

    The live server answers from another thread, so the content is committed, and the
    database stays unblocked for the whole module. The tests of a module read the same demo
    (a module needing more content overrides `demo_site` at module scope, or sits in a module
    of its own); at the end the database is emptied and restored to what the migrations
    created, as Django's serialized rollback does, so the next module, and the tests using
    `db` after it, find it as they expect. Each module writes its images and documents into
    a media folder of its own.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings

    media = tempfile.mkdtemp(prefix="pole-test-browser-media-")
    overrides = override_settings(MEDIA_ROOT=media)
    with django_db_blocker.unblock(), overrides, _browser_server._live_server_modified_settings:
        cache.clear()
        try:
            call_command("load_demo", stdout=io.StringIO())
            yield _browser_server.url
        finally:
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(_pristine_database)
            _reset_sequences(connection)
            # Restoring a task (a Task subclass, built without its parent's id) asks for its
            # content type while that table is still empty: the row made then is overwritten
            # by the restored ones, but this process's cache of content types keeps it.
            ContentType.objects.clear_cache()
            cache.clear()
            shutil.rmtree(media, ignore_errors=True)


def _reset_sequences(connection):
    """Move each table's id sequence past the rows just restored with their ids, as
    `loaddata` does, or the next page created would take the root page's id."""
    from django.apps import apps
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no cached page and no rate-limit count (the live server thread
    shares this process's cache), whatever the module's earlier tests did."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def browser(chromium_executable, demo_site):
    """A headless Chromium for one test, started once the demo content is in the database.

    Playwright's sync API leaves its asyncio event loop marked as running in this thread
    from start() to stop(), and meanwhile Django refuses ORM calls (SynchronousOnlyOperation).
    So the browser starts after `demo_site` (a dependency, hence set up first) and a test
    body must not use the ORM: content a module needs is added by its `demo_site`. Starting
    Chromium costs about half a second per test; a browser shared by the whole session would
    need DJANGO_ALLOW_ASYNC_UNSAFE for the whole pytest process, inherited by the
    subprocesses other tests start.
    """
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(chromium_executable), headless=True, args=CHROMIUM_ARGS
        )
    except BaseException:
        playwright.stop()
        raise
    yield chromium
    chromium.close()
    playwright.stop()


@dataclass
class ConsoleWatch:
    """Collects a test's browser console errors and uncaught exceptions.

    The site runs under a strict CSP: Chromium reports a blocked inline script or style, or a
    blocked asset, as a console error. Any such error fails the test (see
    `pytest_runtest_call`), unless the test announced it with `expect_failed_load`.
    """

    pages: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    expected_failed_loads: set = field(default_factory=set)

    def watch(self, page):
        self.pages.append(page)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.errors.append(f"exception JavaScript: {error}"))

    def expect_failed_load(self, url, status):
        """Tolerate Chromium's error for `url` answering `status`, e.g. a 404 page on purpose."""
        self.expected_failed_loads.add((url, status))

    def take_errors(self):
        """The errors so far, forgotten: for a test that provokes them on purpose."""
        errors, self.errors = self.errors, []
        return errors

    def _on_console(self, message):
        if message.type != "error":
            return
        url = message.location.get("url", "")
        for expected_url, status in self.expected_failed_loads:
            if url == expected_url and message.text.startswith(
                f"Failed to load resource: the server responded with a status of {status} "
            ):
                return
        self.errors.append(f"{message.text} ({url})")

    def check(self):
        """Fail with every error the pages logged, once pending console events are in."""
        for page in self.pages:
            if page.is_closed():
                continue
            # A round trip to the page delivers the events it has already sent; mid-navigation
            # or after a crash it fails, and what was already received is reported.
            with contextlib.suppress(PlaywrightError):
                page.evaluate("0")
        if self.errors:
            report = "\n".join(f"- {error}" for error in self.errors)
            pytest.fail(f"Erreurs dans la console du navigateur :\n{report}", pytrace=False)


CONSOLE_WATCH = pytest.StashKey[ConsoleWatch]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a test that passed but whose pages logged errors (this folder only).

    Done here rather than in a fixture's teardown so that it reports as a failed test, not
    as a passed test followed by an error.
    """
    result = yield
    watch = item.stash.get(CONSOLE_WATCH, None)
    if watch is not None:
        watch.check()
    return result


@pytest.fixture
def console_watch(request):
    """The current test's ConsoleWatch; request it to declare an expected failed load."""
    watch = ConsoleWatch()
    request.node.stash[CONSOLE_WATCH] = watch
    return watch


@pytest.fixture
def open_page(browser, console_watch):
    """Open a page in a fresh French context (own cookies and cache); closed after the test.

    Takes Playwright's `browser.new_context` options, e.g. `open_page(java_script_enabled=False,
    **DESKTOP)`.
    """
    contexts = []

    def _open_page(**context_options):
        context = browser.new_context(locale="fr-FR", **context_options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        console_watch.watch(page)
        return page

    yield _open_page
    for context in contexts:
        context.close()


@pytest.fixture
def desktop_page(open_page):
    """A 1280 × 900 desktop window."""
    return open_page(**DESKTOP)


@pytest.fixture
def mobile_page(open_page):
    """A 375 × 812 touch phone (iPhone X-sized), where most citizens read the site."""
    return open_page(**MOBILE)


@pytest.fixture(params=[DESKTOP, MOBILE], ids=["1280px", "375px"])
def page_at_width(request, open_page):
    """Runs the test twice, on a desktop page and on a phone page."""
    return open_page(**request.param)

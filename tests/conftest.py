import os
import shutil

from django.conf import settings

from wagtail.models import Page, Site

import pytest

from pages.models import HomePage
from pages.public_address import parse
from tests.factories import HomePageFactory


@pytest.fixture
def home(db):
    """A published home page served as the default site, as `load_demo` would leave it."""
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    page = HomePageFactory(parent=root)
    hostname, port = parse(settings.SITE_URL)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"root_page": page, "hostname": hostname, "port": port}
    )
    return page


@pytest.fixture
def demo(db, settings, tmp_path):
    """The demo site exactly as `make run` loads it, its media in a folder of its own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    from django.core.cache import cache
    from django.core.management import call_command

    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    cache.clear()
    return HomePage.objects.get()


@pytest.fixture(scope="session")
def _live_demo(tmp_path_factory):
    """The demo migrated and loaded once per session, for `live_site` to copy."""
    from tests.live_site import LiveSite

    template = LiveSite(tmp_path_factory.mktemp("live-demo"))
    try:
        template.install_demo()
        yield template
    finally:
        template.close()


@pytest.fixture
def live_site(_live_demo, tmp_path):
    """A copy of the demo site of its own, served by real processes (tests/live_site.py)."""
    from tests.live_site import LiveSite

    site = LiveSite.copy_of(_live_demo, tmp_path / "site")
    try:
        yield site
    finally:
        site.close()
        shutil.rmtree(tmp_path / "site", ignore_errors=True)

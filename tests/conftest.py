import os

from wagtail.models import Page, Site

import pytest

from pages.models import HomePage
from tests.factories import HomePageFactory


@pytest.fixture
def home(db):
    """A published home page served as the default site, as `load_demo` would leave it."""
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    page = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"root_page": page, "hostname": "localhost", "port": 80},
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


@pytest.fixture
def count_queries():
    """Number of queries a GET costs: a callable (client, url) -> (response, count)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def run(client, url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        return response, len(queries)

    return run

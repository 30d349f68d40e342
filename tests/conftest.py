from wagtail.models import Page, Site

import pytest

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

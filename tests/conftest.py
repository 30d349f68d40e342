import shutil

import pytest

from editorial.roles import REVIEWERS, WRITERS
from tests.demo_fixtures import _demo_loaded, demo  # noqa: F401 (the demo, loaded once a module)
from tests.editors import member_of
from tests.factories import site_home


@pytest.fixture
def home(db):
    """A published home page served as the default site, as `load_demo` would leave it."""
    return site_home()


@pytest.fixture
def writer(demo):  # noqa: F811
    """A Rédacteur of the demo site."""
    return member_of(WRITERS, "redactrice")


@pytest.fixture
def reviewer(demo):  # noqa: F811
    """A Validateur of the demo site."""
    return member_of(REVIEWERS, "validateur")


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

"""Validateurs preview a draft as citizens will see it, on a phone and on a desktop."""

import pytest

from tests.browser.checks import assert_no_axe_violations, assert_no_horizontal_overflow
from tests.browser.conftest import expect

USERNAME = "relecture"
PASSWORD = "mot-de-passe-de-relecture-1"  # noqa: S105
DRAFT = {}


@pytest.fixture(scope="module")
def demo_site(demo_site):
    """The demo site, an administrator, and a news draft saved as a revision (ORM here only:
    the test body runs while Playwright holds the thread, see conftest.py)."""
    from django.contrib.auth import get_user_model

    from news.models import NewsPage

    get_user_model().objects.create_superuser(USERNAME, "relecture@example.invalid", PASSWORD)
    page = NewsPage.objects.live().order_by("-date").first()
    page.title = f"{page.title} (version de travail)"
    page.save_revision()
    DRAFT.update(url=f"/admin/pages/{page.pk}/view_draft/", title=page.title)
    return demo_site


def test_draft_preview_at_phone_and_desktop_widths(page_at_width, demo_site):
    page = page_at_width
    page.goto(demo_site + "/admin/login/")
    page.locator("#id_username").fill(USERNAME)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(demo_site + "/admin/")

    response = page.goto(demo_site + DRAFT["url"])
    assert response.status == 200
    expect(page.locator("h1")).to_have_text(DRAFT["title"])
    expect(page.get_by_role("banner")).to_be_visible()  # the site's own header, not the admin's
    assert_no_axe_violations(page)
    assert_no_horizontal_overflow(page)

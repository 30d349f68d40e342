"""Choosing several themes, partners or domains in the admin: checkboxes, not a list box that
needs Ctrl-click (which editors miss, and which is hard to use with a keyboard or on a phone)."""

from django.contrib.auth import get_user_model

import pytest
from bs4 import BeautifulSoup

from news.models import NewsPage
from partners.models import PartnerPage


@pytest.fixture
def admin_client(client, demo):
    user = get_user_model().objects.create_superuser("chef", "chef@example.invalid", "pw")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "model, fields", [(NewsPage, ["themes", "related_partners"]), (PartnerPage, ["domains"])]
)
def test_several_choices_are_checkboxes(admin_client, model, fields):
    page = model.objects.live().first()
    form = BeautifulSoup(
        admin_client.get(f"/admin/pages/{page.pk}/edit/").content, "html.parser"
    ).find("form", id="page-edit-form")
    for field in fields:
        boxes = form.find_all("input", attrs={"type": "checkbox", "name": field})
        assert boxes, field
        assert form.find("select", attrs={"name": field}) is None, field
        # Each box has its visible label.
        for box in boxes:
            assert form.find("label", attrs={"for": box["id"]}).get_text(strip=True)

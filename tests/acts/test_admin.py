"""What the communications team sees of the register in the admin, in French."""

from django.contrib.auth import get_user_model

import pytest

from acts.models import ActPage, Matter
from tests.acts.helpers import DEMO_ACT, register


@pytest.fixture
def admin_client(demo, client):
    client.force_login(
        get_user_model().objects.create_superuser("admin", "a@example.invalid", "pw")
    )
    return client


def test_the_act_form_states_what_the_law_asks(admin_client):
    response = admin_client.get(f"/admin/pages/add/acts/actpage/{register().pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Objet", "Données personnelles occultées", "CRPA L312-1-2", "CGCT R2131-1"):
        assert text in html, text
    assert "Aucune version publiée" in html


def test_the_edit_form_lists_the_published_versions_read_only(admin_client):
    act = ActPage.objects.get(url_path__endswith=DEMO_ACT.split("/")[-2] + "/")
    html = admin_client.get(f"/admin/pages/{act.pk}/edit/").content.decode()
    version = act.versions.get()
    assert version.sha256 in html
    assert "non modifiable" in html
    assert 'name="online_at"' not in html


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/acts/matter/",
        "/admin/settings/acts/actssettings/",
        "/admin/pages/add/acts/meetingpage/{register}/",
    ],
)
def test_the_register_s_admin_pages_open(admin_client, url):
    response = admin_client.get(url.format(register=register().pk), follow=True)
    assert response.status_code == 200


def test_the_actes_nomenclature_is_loaded(demo):
    assert Matter.objects.count() == 57  # 7 + 3 + 6 + 5 + 8 + 5 + 10 + 9 + 4
    assert Matter.objects.get(code="7.5").scdl_name == "finances locales/subventions"
    assert (
        sorted(Matter.objects.filter(code__startswith="7."), key=lambda m: m.sort_key)[-1].code
        == "7.10"
    )

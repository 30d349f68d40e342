"""Where each page type may live, and that editors can create it through the admin form."""

from django.contrib.auth import get_user_model

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from pages.models import HomePage, PresentationPage, SiteMapPage, StandardPage
from tests.factories import HomePageFactory, PresentationPageFactory, SiteMapPageFactory


def test_parent_rules():
    assert PresentationPage.allowed_parent_page_models() == [HomePage]
    assert SiteMapPage.allowed_parent_page_models() == [HomePage]
    assert set(StandardPage.allowed_parent_page_models()) == {
        HomePage,
        PresentationPage,
        StandardPage,
    }
    assert SiteMapPage.allowed_subpage_models() == []
    assert PresentationPage.allowed_subpage_models() == [StandardPage]


@pytest.mark.parametrize(
    ("model", "factory"),
    [(PresentationPage, PresentationPageFactory), (SiteMapPage, SiteMapPageFactory)],
)
def test_single_instance_pages(home, model, factory):
    assert model.can_create_at(home)
    factory(parent=home)
    assert not model.can_create_at(home)


class AdminCreationTests(WagtailPageTestCase):
    """An editor fills the admin form, StreamField included, and the page is saved."""

    def setUp(self):
        user = get_user_model().objects.create_superuser("admin", "a@example.invalid", "pw")
        self.client.force_login(user)
        self.home = HomePageFactory(parent=Page.get_first_root_node())

    def body(self):
        return streamfield(
            [
                ("heading", {"text": "Réalisations", "level": "h2", "anchor": ""}),
                ("paragraph", rich_text("<p>Le Pôle favorise les synergies.</p>")),
                (
                    "key_figures",
                    {
                        "title": "Chiffres",
                        "figures": streamfield(
                            [("item", {"number": "107", "label": "communes", "source": ""})]
                        ),
                    },
                ),
            ]
        )

    def test_editor_creates_a_presentation_page(self):
        self.assertCanCreateAt(HomePage, PresentationPage)
        data = nested_form_data(
            {"title": "Le Pôle", "slug": "le-pole", "intro": "Créé en 2012.", "body": self.body()}
        )
        self.assertCanCreate(self.home, PresentationPage, data)
        page = PresentationPage.objects.get(slug="le-pole")
        assert [block.block_type for block in page.body] == ["heading", "paragraph", "key_figures"]

    def test_editor_creates_a_standard_page(self):
        data = nested_form_data(
            {"title": "Mentions légales", "slug": "mentions-legales", "body": self.body()}
        )
        self.assertCanCreate(self.home, StandardPage, data)

    def test_editor_creates_a_site_map(self):
        data = nested_form_data({"title": "Plan du site", "slug": "plan-du-site"})
        self.assertCanCreate(self.home, SiteMapPage, data)

    def test_home_page_cannot_be_created_below_the_home_page(self):
        self.assertCanNotCreateAt(HomePage, HomePage)

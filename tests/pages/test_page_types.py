"""Editors create each page type through its admin form (tree rules: test_page_tree_rules.py)."""

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.models import PresentationPage, SiteMapPage, StandardPage
from tests.editors import EditorTestCase


class AdminCreationTests(EditorTestCase):
    """An editor fills the admin form, StreamField included, and the page is saved."""

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

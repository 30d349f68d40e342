"""How an editor creates a news item in the admin, and what the public then sees of it."""

import datetime
from html import unescape
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from bs4 import BeautifulSoup

from news.models import NewsIndexPage, NewsPage, NewsType, PressRoomPage
from tests.editors import EditorTestCase
from tests.factories import (
    NewsIndexPageFactory,
    ThemeFactory,
)

PDF_SIZE = 1_258_291


class NewsAdminTests(EditorTestCase):
    """An editor fills the admin form of a news item; the public sees what was entered."""

    def setUp(self):
        super().setUp()
        self.index = NewsIndexPageFactory(parent=self.home)
        self.economie = ThemeFactory(name="Économie", slug="economie")
        self.industrie = ThemeFactory(name="Industrie", slug="industrie")
        ThemeFactory(name="Tourisme", slug="tourisme")

    def upload_document(self, filename, title, size):
        """Through the admin's upload form, as an editor does."""
        response = self.client.post(
            reverse("wagtaildocs:add"),
            {
                "title": title,
                "file": SimpleUploadedFile(filename, b"%PDF-1.4\n" + b"x" * size),
                "accessibility": "oui",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        return get_document_model().objects.get(title=title)

    def add_url(self, model, parent):
        return reverse(
            "wagtailadmin_pages:add",
            args=[model._meta.app_label, model._meta.model_name, parent.pk],
        )

    def test_editor_publishes_a_press_release_with_themes_documents_and_body(self):
        document = self.upload_document(
            "feuilles-de-route-2021.pdf", "Feuilles de route 2021", PDF_SIZE - 9
        )
        data = nested_form_data(
            {
                "title": "Soutien renouvelé aux pôles de compétitivité",
                "slug": "soutien-renouvele",
                "date": "12/05/2021",
                "news_type": NewsType.PRESS_RELEASE,
                "tags": "Polepharma, filières",
                "intro": "Un engagement global de 160 000 €.",
                "body": streamfield(
                    [
                        ("heading", {"text": "Les feuilles de route", "level": "h2", "anchor": ""}),
                        ("paragraph", rich_text("<p>Cinq pôles et filières du territoire.</p>")),
                        (
                            "quote",
                            {
                                "quote": "La crise sanitaire rend d'autant plus indispensable…",
                                "attribution": "Nicolas Mayer-Rossignol",
                                "role": "Président du Pôle Métropolitain",
                            },
                        ),
                    ]
                ),
                "documents": inline_formset([{"document": str(document.pk)}]),
            }
        )
        data["themes"] = [str(self.economie.pk), str(self.industrie.pk)]
        self.assertCanCreate(self.index, NewsPage, data)

        page = NewsPage.objects.get(slug="soutien-renouvele")
        assert page.live
        assert page.date == datetime.date(2021, 5, 12)
        assert page.is_press_release
        assert sorted(theme.slug for theme in page.themes.all()) == ["economie", "industrie"]
        assert sorted(tag.name for tag in page.tags.all()) == ["Polepharma", "filières"]
        assert [item.document for item in page.documents.all()] == [document]
        assert [block.block_type for block in page.body] == ["heading", "paragraph", "quote"]

        # What a visitor then reads.
        self.client.logout()
        response = self.client.get("/actualites/soutien-renouvele/")
        assert response.status_code == 200
        html = unescape(response.content.decode())
        assert '<time datetime="2021-05-12">12 mai 2021</time>' in html
        assert "Communiqué de presse" in html
        assert "Cinq pôles et filières du territoire." in html
        assert "Nicolas Mayer-Rossignol" in html
        assert '<a href="/actualites/?theme=economie">Économie</a>' in html
        assert "Feuilles de route 2021" in html
        assert "(PDF – 1,2 Mo)" in html
        keywords = html[html.index("Mots-clés :") :].split("</p>")[0]
        assert "Polepharma" in keywords
        assert "filières" in keywords

    def test_a_news_item_needs_a_title_and_a_date(self):
        data = nested_form_data(
            {
                "title": "",
                "slug": "sans-titre",
                "date": "",
                "news_type": NewsType.NEWS,
                "body": streamfield([]),
                "documents": inline_formset([]),
            }
        )
        data["action-publish"] = "action-publish"
        response = self.client.post(self.add_url(NewsPage, self.index), data)
        assert response.status_code == 200
        assert set(response.context["form"].errors) >= {"title", "date"}
        assert not NewsPage.objects.exists()

    def test_a_new_news_item_is_dated_today_in_paris(self):
        # 22:30 UTC on 31 March 2024 is already 1 April in Paris (summer time, UTC+2).
        late_evening = datetime.datetime(2024, 3, 31, 22, 30, tzinfo=datetime.UTC)
        with mock.patch("django.utils.timezone.now", return_value=late_evening):
            response = self.client.get(self.add_url(NewsPage, self.index))
        assert response.status_code == 200
        field = BeautifulSoup(response.content, "html.parser").find("input", {"name": "date"})
        assert field is not None
        assert field["value"] == "01/04/2024"

    def test_the_admin_offers_news_items_only_inside_the_news_section(self):
        # The add form itself refuses a news item under the home page, and a second section:
        # Wagtail sends the editor back to the dashboard.
        for model in [NewsPage, NewsIndexPage]:
            response = self.client.get(self.add_url(model, self.home))
            assert response.status_code == 302
            assert response["Location"] == reverse("wagtailadmin_home")
        assert NewsIndexPage.objects.count() == 1
        # The press room can be added once.
        assert self.client.get(self.add_url(PressRoomPage, self.home)).status_code == 200

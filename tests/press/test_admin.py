"""The press room in the admin, in French: a press kit created under the press room and
nowhere else, the press contact's form."""

from html import unescape

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from news.models import (
    NewsPage,
    PressContact,
    PressKitDocument,
    PressKitImage,
    PressKitPage,
    PressRoomPage,
)
from tests.editors import EditorTestCase
from tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    PressKitPageFactory,
    PressRoomPageFactory,
)

from .helpers import pdf, photo


class PressKitAdminTests(EditorTestCase):
    def setUp(self):
        super().setUp()
        self.room = PressRoomPageFactory(parent=self.home)
        self.release = NewsPageFactory(parent=NewsIndexPageFactory(parent=self.home))

    def add_url(self, parent):
        return reverse("wagtailadmin_pages:add", args=["news", "presskitpage", parent.pk])

    def test_the_kit_form_is_in_french_with_help_for_each_list(self):
        html = unescape(self.client.get(self.add_url(self.room)).content.decode())
        for text in (
            "Documents",
            "Photos",
            "haute définition",
            "Communiqués liés",
            "classe aussi les dossiers dans l'espace presse",
        ):
            assert text in html, text

    def kit_form(self, documents, images):
        return nested_form_data(
            {
                "title": "Accords-cadres",
                "slug": "accords-cadres",
                "date": "01/10/2020",
                "intro": "Les trois premiers accords-cadres.",
                "body": streamfield([]),
                "documents": inline_formset([{"document": str(d.pk)} for d in documents]),
                "images": inline_formset([{"image": str(image.pk)} for image in images]),
                "releases": inline_formset([{"release": str(self.release.pk)}]),
            }
        )

    def test_an_editor_publishes_a_kit_with_documents_photos_and_a_release(self):
        first, second = pdf("Dossier"), pdf("Annexe")
        image = photo("Signature", credit="Région Hauts-de-France")
        self.assertCanCreate(self.room, PressKitPage, self.kit_form([first, second], [image]))
        kit = PressKitPage.objects.get(slug="accords-cadres")
        assert kit.live
        assert [row.document for row in kit.documents.all()] == [first, second]
        assert [row.image for row in kit.images.all()] == [image]
        assert [row.release.pk for row in kit.releases.all()] == [self.release.pk]

        self.client.logout()
        assert self.client.get(kit.url).status_code == 200
        assert self.client.get(kit.url + "zip/").status_code == 200

    def test_a_kit_with_an_uncredited_photo_is_not_published(self):
        data = self.kit_form([pdf("Dossier")], [photo("Sans auteur")])
        data["action-publish"] = "action-publish"
        response = self.client.post(self.add_url(self.room), data)
        assert response.status_code == 200
        assert "« Sans auteur » n'a pas de crédit" in unescape(response.content.decode())
        assert not PressKitPage.objects.filter(slug="accords-cadres").exists()

    def test_drafts_of_a_kit_and_a_news_item_preview_as_they_will_look(self):
        """Both pages have routes of their own (their zip): a draft still previews as the page."""
        kit = PressKitPageFactory(parent=self.room, title="Dossier")
        kit.title = "Dossier (version de travail)"
        kit.documents = [PressKitDocument(document=pdf("Un"), sort_order=0)]
        kit.images = [PressKitImage(image=photo("Signature"), sort_order=0)]
        kit.save_revision()
        self.release.title = "Communiqué (version de travail)"
        self.release.save_revision()
        for page, title in [(kit, kit.title), (self.release, self.release.title)]:
            response = self.client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
            assert response.status_code == 200
            assert f"<h1>{title}</h1>" in response.content.decode()
        assert (
            "Signature"
            in self.client.get(
                reverse("wagtailadmin_pages:view_draft", args=[kit.pk])
            ).content.decode()
        )

    def test_kits_go_under_the_press_room_only(self):
        self.assertAllowedParentPageTypes(PressKitPage, {PressRoomPage})
        self.assertCanCreateAt(PressRoomPage, PressKitPage)
        self.assertCanNotCreateAt(PressKitPage, PressKitPage)
        response = self.client.get(self.add_url(self.home))
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        assert not NewsPage.objects.filter(title="Accords-cadres").exists()


class PressContactAdminTests(EditorTestCase):
    def test_the_contact_form_is_in_french_with_what_each_field_is_for(self):
        response = self.client.get(reverse("wagtailsnippets_news_presscontact:add"))
        html = unescape(response.content.decode())
        for text in (
            "Prénom et nom",
            "Nom de famille",
            "Téléphone direct",
            "Téléphone mobile",
            "Seulement avec l'accord du contact",
        ):
            assert text in html, text

    def test_an_editor_adds_a_contact_with_its_lines(self):
        response = self.client.post(
            reverse("wagtailsnippets_news_presscontact:add"),
            {
                "name": "Camille Martin",
                "family_name": "Martin",
                "role": "Chargée des relations presse",
                "email": "presse@example.invalid",
                "phone": "02 35 00 00 00",
                "mobile_phone": "06 12 34 56 78",
            },
        )
        assert response.status_code == 302
        contact = PressContact.objects.get(name="Camille Martin")
        assert [phone.uri for phone in contact.phones] == [
            "tel:+33-2-35-00-00-00",
            "tel:+33-6-12-34-56-78",
        ]

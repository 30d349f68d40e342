"""The contact page: its SEO and admin form, what visitors see, the fields editors add, the
demo's form, and the messages editors read (what happens to each message:
test_contact_delivery.py)."""

import io

from django.core.management import call_command

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from pages.forms import HONEYPOT_FIELD
from pages.models import ContactPage, SitePage, StandardPage
from tests.editors import EditorTestCase
from tests.factories import ContactFormFieldFactory, ContactPageFactory
from tests.pages.contact_helpers import URL, VALID, post, soup

# --- The page, for search engines and editors -----------------------------------------------


def test_contact_page_shares_the_seo_of_every_page(contact, client):
    assert issubclass(ContactPage, SitePage)
    assert contact.get_meta_description() == "Écrivez-nous."
    html = client.get(URL).content.decode()
    assert '<meta name="description" content="Écrivez-nous.">' in html
    assert 'name="robots"' not in html
    contact.hide_from_search_engines = True
    contact.save()
    assert '<meta name="robots" content="noindex">' in client.get(URL).content.decode()
    assert contact.get_sitemap_urls() == []


class AdminTests(EditorTestCase):
    """Editors create the page and its fields in the admin, in French."""

    def test_editor_creates_a_contact_page_with_its_fields(self):
        field = {"help_text": "", "choices": "", "default_value": "", "required": "on"}
        data = nested_form_data(
            {
                "title": "Contact",
                "slug": "contact",
                "intro": "Écrivez-nous.",
                "thank_you_text": rich_text("<p>Merci.</p>"),
                "to_address": "equipe@example.invalid, autre@example.invalid",
                "from_address": "",
                "subject": "",
                "form_fields": inline_formset(
                    [
                        {**field, "label": "Nom", "field_type": "singleline", "autocomplete": ""},
                        {**field, "label": "Courriel", "field_type": "email", "autocomplete": ""},
                    ]
                ),
            }
        )
        self.assertCanCreate(self.home, ContactPage, data)
        page = ContactPage.objects.get(slug="contact")
        assert [f.clean_name for f in page.form_fields.all()] == ["nom", "courriel"]

    def test_edit_form_groups_the_settings(self):
        page = ContactPageFactory(parent=self.home)
        response = self.client.get(f"/admin/pages/{page.id}/edit/")
        assert response.status_code == 200
        html = response.content.decode()
        for heading in ["Contenu", "Champs du formulaire", "Notification par courriel"]:
            assert heading in html
        assert "Vide : aucun courriel n&#x27;est envoyé" in html


# --- What visitors see ----------------------------------------------------------------------


def test_demo_contact_page_is_the_form(client, demo):
    response = client.get(URL)
    assert response.status_code == 200
    page = soup(response)
    assert len(page.find_all("h1")) == 1
    assert page.h1.get_text() == "Contact"
    form = page.find("form", class_="contact-form")
    assert form["method"] == "post" and form["action"] == URL
    assert form.has_attr("novalidate")  # the server's accessible errors, not the browser's
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    labels = {label["for"]: " ".join(label.get_text().split()) for label in form("label")}
    assert labels["id_nom"] == "Nom (obligatoire)"
    assert labels["id_courriel"] == "Adresse électronique (obligatoire)"
    assert labels["id_objet"] == "Objet (obligatoire)"
    assert labels["id_message"] == "Message (obligatoire)"
    assert labels["id_consentement"].startswith("J'accepte que les informations saisies")
    assert labels["contact-site-web"] == "Ne pas remplir ce champ"
    for name in ["nom", "courriel", "objet", "message", "consentement"]:
        assert form.find(attrs={"name": name}).has_attr("required"), name
    assert form.find(attrs={"name": "nom"})["autocomplete"] == "name"
    assert form.find(attrs={"name": "courriel"})["autocomplete"] == "email"
    assert form.find(attrs={"name": "courriel"})["type"] == "email"
    # The help text is announced with its field.
    assert form.find(attrs={"name": "courriel"})["aria-describedby"] == "id_courriel_helptext"
    assert "Données personnelles" in form.find(id="id_consentement_helptext").get_text()
    assert not form.find(attrs={"name": "message"}).has_attr("maxlength")
    trap = form.find(attrs={"name": HONEYPOT_FIELD})
    assert trap["tabindex"] == "-1" and trap["autocomplete"] == "off"
    assert trap.find_parent(class_="contact-form__trap")
    assert not page.find(attrs={"style": True})  # strict CSP: no inline style
    assert not form.find(class_="error-summary")


def test_demo_footer_and_quick_links_still_lead_to_the_form(client, demo):
    html = client.get("/").content.decode()
    assert '<a href="/contact/">Contact</a>' in html
    assert ContactPage.objects.get().url == URL


# --- Fields editors add ---------------------------------------------------------------------


def test_choice_fields_are_grouped_and_linked_from_the_summary(client, home):
    ContactPageFactory(
        parent=home,
        fields=[
            {
                "clean_name": "sujet",
                "label": "Votre demande concerne",
                "field_type": "radio",
                "choices": "L'économie\nLe tourisme",
                "help_text": "Une seule réponse.",
            },
            {"clean_name": "telephone", "label": "Téléphone", "required": False},
        ],
    )
    page = soup(client.get(URL))
    fieldset = page.find("fieldset")
    assert " ".join(fieldset.legend.get_text().split()) == "Votre demande concerne (obligatoire)"
    assert fieldset["aria-describedby"] == "id_sujet_helptext"
    assert page.find("label", attrs={"for": "id_telephone"}).get_text() == "Téléphone"
    page = soup(client.post(URL, {}))
    summary = page.find(class_="error-summary")
    assert [a["href"] for a in summary("a")] == ["#id_sujet_0"]
    assert page.find(id="id_sujet_0")
    assert page.find("fieldset")["aria-describedby"] == "id_sujet_helptext id_sujet_error"


def test_editor_chosen_autocomplete(client, home):
    page = ContactPageFactory(parent=home, fields=[])
    ContactFormFieldFactory(page=page, label="Téléphone", autocomplete="tel")
    assert soup(client.get(URL)).find(id="id_telephone")["autocomplete"] == "tel"


def test_editors_preview_the_form_and_the_thank_you_page(contact):
    form = contact.make_preview_request(preview_mode="form")
    assert form.status_code == 200
    assert 'name="courriel"' in form.content.decode()
    landing = contact.make_preview_request(preview_mode="landing")
    assert landing.status_code == 200
    assert "Merci, votre message a bien été envoyé." in landing.content.decode()


# --- Demo content ---------------------------------------------------------------------------


def load_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_load_demo_builds_the_form_and_upgrades_an_older_demo_without_overwriting():
    for page in Page.get_first_root_node().get_children():
        page.delete()  # start empty, whether or not this module's shared demo is loaded
    load_demo()
    page = ContactPage.objects.get()
    assert page.url == URL
    assert page.to_address == ""  # no address invented: editors set theirs
    fields = page.form_fields.all()
    assert [(f.clean_name, f.field_type, f.required) for f in fields] == [
        ("nom", "singleline", True),
        ("courriel", "email", True),
        ("objet", "singleline", True),
        ("message", "multiline", True),
        ("consentement", "checkbox", True),
    ]
    assert [f.autocomplete for f in fields][:2] == ["name", "email"]
    home = page.get_parent()

    # A site loaded before the contact form existed gets it on the next run…
    page.delete()
    assert "Contenu de démonstration chargé." in load_demo()
    assert ContactPage.objects.child_of(home).get().slug == "contact"
    assert "rien à charger" in load_demo()

    # …unless /contact/ is still the standard page an older demo made: it is left alone.
    ContactPage.objects.get().delete()
    old = StandardPage(title="Contact", slug="contact", intro="Ancienne page.")
    home.add_child(instance=old)
    output = load_demo()
    assert "rien à charger" in output
    assert "La page /contact/ est une page standard" in output
    assert not ContactPage.objects.exists()
    assert StandardPage.objects.get(slug="contact").intro == "Ancienne page."


# --- Editors read the messages --------------------------------------------------------------


def test_submissions_export_as_csv_for_editors(admin_client, client, contact):
    post(client, VALID)
    edit = admin_client.get(f"/admin/pages/{contact.id}/edit/")  # with its submissions panel
    assert edit.status_code == 200
    assert f"/admin/forms/submissions/{contact.id}/" in edit.content.decode()
    response = admin_client.get(f"/admin/forms/submissions/{contact.id}/?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    csv = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = csv.splitlines()[:2]
    assert "Nom" in header and "Adresse électronique" in header and "Message" in header
    assert "Camille Martin" in row
    assert "camille.martin@example.org" in row
    assert "Visite du territoire" in row


def test_visitors_cannot_export_submissions(client, contact):
    response = client.get(f"/admin/forms/submissions/{contact.id}/?export=csv")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")

"""The contact form: what visitors see, what happens to every kind of input."""

import io
import logging
import smtplib
from html import unescape

from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command

from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest
from bs4 import BeautifulSoup

from pages.forms import HONEYPOT_FIELD, MESSAGE_MAX_LENGTH, RATE_LIMIT
from pages.models import ContactPage, SitePage, StandardPage
from tests.editors import EditorTestCase
from tests.factories import ContactFormFieldFactory, ContactPageFactory

URL = "/contact/"
VALID = {
    "nom": "Camille Martin",
    "courriel": "camille.martin@example.org",
    "objet": "Visite du territoire",
    "message": "Bonjour,\nPourriez-vous m'indiquer à qui m'adresser ?",
    "consentement": "on",
}


@pytest.fixture
def contact(home):
    return ContactPageFactory(parent=home)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text(response):
    return unescape(response.content.decode()).replace("\xa0", " ").replace("\u202f", " ")


def post(client, data, **extra):
    return client.post(URL, data, **extra)


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


# --- A valid message ------------------------------------------------------------------------


def test_valid_message_is_stored_sent_and_thanked(client, contact, mailoutbox):
    response = post(client, VALID)
    assert response.status_code == 200
    page = soup(response)
    assert [h1.get_text() for h1 in page.find_all("h1")] == ["Message envoyé"]
    assert "Merci, votre message a bien été envoyé." in page.main.get_text()
    assert page.main.find("a", string="Retour à l'accueil")["href"] == "/"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"

    submission = FormSubmission.objects.get(page=contact)
    assert submission.form_data == {
        "nom": "Camille Martin",
        "courriel": "camille.martin@example.org",
        "objet": "Visite du territoire",
        "message": "Bonjour,\nPourriez-vous m'indiquer à qui m'adresser ?",
        "consentement": True,
    }
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["equipe@example.invalid"]
    assert mail.subject == "Nouveau message"
    assert mail.reply_to == ["camille.martin@example.org"]  # "Reply" answers the visitor
    assert "Nom : Camille Martin" in mail.body
    assert "Message : Bonjour," in mail.body
    assert "J'accepte que ces informations servent à traiter ma demande. : oui" in mail.body
    assert f"/admin/forms/submissions/{contact.id}/" in mail.body


def test_several_recipients_and_default_subject(client, contact, mailoutbox):
    contact.to_address = "a@example.invalid, b@example.invalid"
    contact.subject = ""
    contact.save()
    post(client, VALID)
    assert mailoutbox[0].to == ["a@example.invalid", "b@example.invalid"]
    assert mailoutbox[0].subject == "Nouveau message reçu par le formulaire de contact"


def test_without_recipient_the_message_is_only_stored(client, contact, mailoutbox):
    contact.to_address = ""
    contact.save()
    assert post(client, VALID).status_code == 200
    assert FormSubmission.objects.filter(page=contact).count() == 1
    assert mailoutbox == []


def test_mail_server_down_loses_nothing(client, contact, mailoutbox, monkeypatch, caplog):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("Connexion perdue")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    with caplog.at_level(logging.ERROR, logger="pages.models"):
        response = post(client, VALID)
    assert response.status_code == 200
    assert "Message envoyé" in text(response)
    assert FormSubmission.objects.filter(page=contact).count() == 1
    assert mailoutbox == []
    assert "courriel de notification non envoyé" in caplog.text
    assert "SMTPServerDisconnected" in caplog.text


def test_a_silent_mail_server_cannot_hold_the_visitor(client, contact, monkeypatch):
    import pages.models

    timeouts = []

    def connection(**kwargs):
        timeouts.append(kwargs["timeout"])
        return EmailBackend(**kwargs)

    monkeypatch.setattr(pages.models, "get_connection", connection)
    post(client, VALID)
    assert timeouts == [10]  # EMAIL_TIMEOUT's default, under gunicorn's 30 s


# --- Bad input: a clear error, status 200, what was typed kept ------------------------------


def assert_nothing_sent(contact, mailoutbox):
    assert not FormSubmission.objects.filter(page=contact).exists()
    assert mailoutbox == []


def test_empty_form_lists_every_error_with_links_to_the_fields(client, contact, mailoutbox):
    response = post(client, {})
    assert response.status_code == 200
    page = soup(response)
    assert page.title.get_text().startswith("Erreur : Contact")
    summary = page.find(class_="error-summary")
    assert summary.has_attr("autofocus") and summary["tabindex"] == "-1"
    assert summary.find(attrs={"role": "alert"})
    assert summary.h2.get_text() == "Le formulaire contient 5 erreurs"
    links = [(a["href"], a.get_text()) for a in summary("a")]
    assert links == [
        ("#id_nom", "Renseignez le champ « Nom »."),
        ("#id_courriel", "Renseignez le champ « Adresse électronique »."),
        ("#id_objet", "Renseignez le champ « Objet »."),
        ("#id_message", "Renseignez le champ « Message »."),
        (
            "#id_consentement",
            "Cochez la case « J'accepte que ces informations servent à traiter ma demande. ».",
        ),
    ]
    for href, message in links:
        field = page.find(id=href[1:])
        assert field["aria-invalid"] == "true"
        error_id = f"{href[1:]}_error"
        assert error_id in field["aria-describedby"].split()
        error = page.find(id=error_id)
        assert " ".join(error.get_text().split()) == f"Erreur : {message}"
    # Help text and error are both announced, help first.
    assert page.find(id="id_courriel")["aria-describedby"] == (
        "id_courriel_helptext id_courriel_error"
    )
    assert_nothing_sent(contact, mailoutbox)


def test_one_error_is_singular_and_the_rest_is_kept(client, contact, mailoutbox):
    response = post(client, {**VALID, "objet": "   "})
    page = soup(response)
    assert page.find(class_="error-summary").h2.get_text() == "Le formulaire contient 1 erreur"
    assert page.find(id="id_nom")["value"] == "Camille Martin"
    assert page.find(id="id_message").get_text().strip().startswith("Bonjour,")
    assert page.find(id="id_consentement").has_attr("checked")
    assert not page.find(id="id_nom").has_attr("aria-invalid")
    assert_nothing_sent(contact, mailoutbox)


def test_invalid_email_address(client, contact, mailoutbox):
    response = post(client, {**VALID, "courriel": "camille.martin@"})
    assert response.status_code == 200
    page = soup(response)
    assert page.find(id="id_courriel")["value"] == "camille.martin@"
    assert page.find(id="id_courriel")["aria-invalid"] == "true"
    assert "Saisissez une adresse électronique valide, par exemple nom@exemple.fr." in (
        page.find(id="id_courriel_error").get_text()
    )
    assert_nothing_sent(contact, mailoutbox)


def test_a_100_kb_message_is_refused_with_its_length_and_kept(client, contact, mailoutbox):
    long_message = "Très long message.\n" * 5389 + "Fin"  # 100 KB: 102,394 characters
    response = post(client, {**VALID, "message": long_message})
    assert response.status_code == 200
    page = soup(response)
    error = " ".join(page.find(id="id_message_error").get_text().replace("\xa0", " ").split())
    assert error == (
        "Erreur : Ce texte compte 102 394 caractères : raccourcissez-le à 5 000 caractères au plus."
    )
    assert page.find(id="id_message").get_text().strip() == long_message
    assert_nothing_sent(contact, mailoutbox)


def test_message_at_the_limit_is_accepted(client, contact, mailoutbox):
    # 5,000 characters as the visitor sees them: a line break counts once, though sent as CRLF.
    message = "a" * (MESSAGE_MAX_LENGTH - 101) + "\r\n" * 100
    response = post(client, {**VALID, "message": message + "b"})
    assert "Message envoyé" in text(response)
    assert len(mailoutbox) == 1
    stored = FormSubmission.objects.get(page=contact).form_data["message"]
    assert len(stored) == MESSAGE_MAX_LENGTH and "\r" not in stored


def test_honeypot_filled_looks_sent_but_nothing_is_kept(client, contact, mailoutbox):
    response = post(client, {**VALID, HONEYPOT_FIELD: "https://spam.example"})
    assert response.status_code == 200
    assert "Message envoyé" in text(response)
    assert_nothing_sent(contact, mailoutbox)
    # Even an invalid robot submission gets the same answer, so that it learns nothing.
    response = post(client, {HONEYPOT_FIELD: "x"})
    assert "Message envoyé" in text(response)
    assert_nothing_sent(contact, mailoutbox)


def test_rate_limit_refuses_the_sixth_message_and_keeps_it(client, contact, mailoutbox):
    for _ in range(RATE_LIMIT):
        assert "Message envoyé" in text(post(client, VALID, REMOTE_ADDR="198.51.100.7"))
    response = post(client, {**VALID, "objet": "Encore moi"}, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    page = soup(response)
    summary = page.find(class_="error-summary")
    assert summary.h2.get_text() == "Le formulaire contient 1 erreur"
    assert "réessayez dans une dizaine de minutes" in summary.get_text()
    assert page.find(id="id_objet")["value"] == "Encore moi"
    assert page.find(id="id_message").get_text().strip().startswith("Bonjour,")
    assert FormSubmission.objects.filter(page=contact).count() == RATE_LIMIT
    assert len(mailoutbox) == RATE_LIMIT
    # Another visitor is not affected.
    assert post(client, VALID, REMOTE_ADDR="198.51.100.8").status_code == 200
    assert FormSubmission.objects.filter(page=contact).count() == RATE_LIMIT + 1


def test_invalid_attempts_do_not_count_against_the_limit(client, contact):
    for _ in range(RATE_LIMIT + 2):
        post(client, {**VALID, "courriel": "faux"})
    assert "Message envoyé" in text(post(client, VALID))


def test_rate_limit_counts_visitors_behind_the_proxy_separately(client, contact):
    """Behind the reverse proxy (REMOTE_ADDR trusted), each forwarded visitor has a count."""
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for _ in range(RATE_LIMIT):
        post(client, VALID, HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy)
    blocked = post(client, VALID, HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy)
    assert blocked.status_code == 429
    # A forged address on the left does not help: the proxy appended the real one.
    forged = post(client, VALID, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.1", **proxy)
    assert forged.status_code == 429
    allowed = post(client, VALID, HTTP_X_FORWARDED_FOR="203.0.113.2", **proxy)
    assert allowed.status_code == 200


def test_ipv6_visitors_are_counted_per_64_block(client, contact):
    for suffix in range(RATE_LIMIT):
        post(client, VALID, REMOTE_ADDR=f"2001:db8:1:2::{suffix + 1}")
    assert post(client, VALID, REMOTE_ADDR="2001:db8:1:2::ffff").status_code == 429
    assert post(client, VALID, REMOTE_ADDR="2001:db8:1:3::1").status_code == 200


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

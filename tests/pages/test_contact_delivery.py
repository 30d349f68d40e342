"""What happens to a message sent through the contact form: stored and sent, or refused with
a clear error and what was typed kept; the honeypot and the rate limit."""

import logging
import smtplib

from django.core.mail.backends.locmem import EmailBackend

from wagtail.contrib.forms.models import FormSubmission

from pages.forms import HONEYPOT_FIELD, MESSAGE_MAX_LENGTH
from pages.rate_limit import RATE_LIMIT
from tests.pages.contact_helpers import VALID, post, soup, text

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
    with caplog.at_level(logging.ERROR, logger="pages.models.contact"):
        response = post(client, VALID)
    assert response.status_code == 200
    assert "Message envoyé" in text(response)
    assert FormSubmission.objects.filter(page=contact).count() == 1
    assert mailoutbox == []
    assert "courriel de notification non envoyé" in caplog.text
    assert "SMTPServerDisconnected" in caplog.text


def test_a_silent_mail_server_cannot_hold_the_visitor(client, contact, monkeypatch):
    import pages.models.contact

    timeouts = []

    def connection(**kwargs):
        timeouts.append(kwargs["timeout"])
        return EmailBackend(**kwargs)

    monkeypatch.setattr(pages.models.contact, "get_connection", connection)
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

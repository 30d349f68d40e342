"""Subscribing, confirming and unsubscribing as a visitor, without an account: the form tells
nothing about who is subscribed, links are secrets that expire (confirmation) or last
(unsubscribe), and a link opened by a mail service's scanner changes nothing."""

import datetime

from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
import time_machine

from alerts.models import Delivery, Subscriber
from pages import rate_limit
from pages.forms import HONEYPOT_FIELD
from tests.alerts.helpers import (
    SUBSCRIBE_URL,
    confirmation_path,
    publish,
    send_alerts,
    subscribe,
    subscribe_and_confirm,
)
from tests.budgets import assert_within_budget, warm_count
from tests.news.helpers import clean, soup

EMAIL = "journaliste@redaction.example"


def main_text(response):
    return clean(soup(response).select_one("main"))


def test_the_form_in_french_with_its_fields_and_honeypot(demo, client):
    response = client.get(SUBSCRIBE_URL)
    assert response.status_code == 200
    page = soup(response)
    assert [h1.get_text() for h1 in page.find_all("h1")] == ["Recevoir les actualités par e-mail"]
    assert page.find("input", attrs={"name": "email", "autocomplete": "email"})
    radios = page.find_all("input", attrs={"name": "scope", "type": "radio"})
    assert [radio["value"] for radio in radios] == ["communiques", "actualites"]
    assert page.find("legend").get_text(" ", strip=True).startswith("Alertes à recevoir")
    assert page.find("input", attrs={"name": HONEYPOT_FIELD, "tabindex": "-1"})
    assert "conserve votre adresse" in main_text(response)
    assert page.find("html")["lang"] == "fr"


def test_subscribing_sends_a_confirmation_link_and_confirms_nothing_yet(demo, client):
    response = subscribe(client, EMAIL, "actualites")
    assert response.status_code == 200
    assert soup(response).find("h1").get_text() == "Vérifiez votre messagerie"
    [message] = mail.outbox
    assert message.to == [EMAIL] and message.bcc == []
    assert message.subject.startswith("Confirmez votre abonnement")
    assert "valable 7 jours" in message.body
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmed_at is None
    # The link says nothing about the address.
    path = confirmation_path(message)
    assert "journaliste" not in path and "redaction" not in path

    # Opening the link (as a mail service's link checker does) confirms nothing.
    page = client.get(path)
    assert page.status_code == 200
    assert soup(page).select_one("main button").get_text() == "Confirmer mon abonnement"
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None

    confirmed = client.post(path)
    assert confirmed.status_code == 200
    assert "toutes les actualités" in main_text(confirmed)
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None and subscriber.scope == "actualites"


def test_the_answer_is_the_same_for_a_known_address(demo, client):
    first = subscribe(client, EMAIL)
    subscribe_and_confirm(Client(REMOTE_ADDR="192.0.2.1"), "autre@example.org")
    addresses = (EMAIL, "autre@example.org", "AUTRE@example.org", "nouvelle@example.org")
    for number, address in enumerate(addresses, start=2):
        again = subscribe(Client(REMOTE_ADDR=f"192.0.2.{number}"), address)
        assert again.status_code == first.status_code
        assert main_text(again) == main_text(first)
    assert Subscriber.objects.filter(email__iexact="autre@example.org").count() == 1


def test_a_subscriber_changes_their_choice_by_confirming_it(demo, client):
    subscribe_and_confirm(client, EMAIL, "communiques")
    subscribe(client, EMAIL.upper(), "actualites")
    subscriber = Subscriber.objects.get()
    assert subscriber.scope == "communiques"  # until the owner of the mailbox confirms
    client.post(confirmation_path(mail.outbox[-1]))
    subscriber.refresh_from_db()
    assert subscriber.scope == "actualites"


def test_errors_are_said_in_french_and_keep_what_was_typed(demo, client):
    response = client.post(SUBSCRIBE_URL, {"email": "pas-une-adresse", "scope": "tout"})
    assert response.status_code == 200
    text = main_text(response)
    assert "Le formulaire contient 2 erreurs" in text
    assert "Saisissez une adresse électronique valide" in text
    assert "Choisissez une réponse pour « Alertes à recevoir »" in text
    assert soup(response).find("input", attrs={"name": "email"})["value"] == "pas-une-adresse"
    assert soup(response).find("title").get_text().startswith("Erreur : ")
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_a_robot_filling_the_honeypot_gets_the_usual_answer_and_nothing_is_kept(demo, client):
    response = client.post(
        SUBSCRIBE_URL, {"email": EMAIL, "scope": "communiques", HONEYPOT_FIELD: "http://spam"}
    )
    assert response.status_code == 200
    assert main_text(response) == main_text(subscribe(Client(), "vrai@example.org"))
    assert not Subscriber.objects.filter(email=EMAIL).exists()
    assert [m.to for m in mail.outbox] == [["vrai@example.org"]]


def test_a_visitor_sending_too_many_requests_is_told_to_wait(demo, client):
    for number in range(rate_limit.RATE_LIMIT):
        assert subscribe(client, f"adresse{number}@example.org").status_code == 200
    response = subscribe(client, "une-de-trop@example.org")
    assert response.status_code == 429
    assert response["Retry-After"] == str(rate_limit.RATE_LIMIT_WINDOW)
    assert "réessayez dans une dizaine de minutes" in main_text(response)
    assert not Subscriber.objects.filter(email="une-de-trop@example.org").exists()


def test_one_address_gets_at_most_three_confirmation_messages_a_day(demo):
    for _ in range(5):
        assert subscribe(Client(REMOTE_ADDR=f"192.0.2.{_}"), EMAIL).status_code == 200
    assert len(mail.outbox) == 3


def test_a_mail_server_failure_is_said_and_the_request_can_be_sent_again(demo, client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    response = subscribe(client, EMAIL)
    assert response.status_code == 503
    assert "n'a pas pu être envoyé" in main_text(response)


def test_a_confirmation_link_expires_after_seven_days(demo, client):
    subscribe(client, EMAIL)
    path = confirmation_path(mail.outbox[0])
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        response = client.post(path)
        assert response.status_code == 410
        assert "valable 7 jours" in main_text(response)
        assert client.get(path).status_code == 410
    assert Subscriber.objects.get().confirmed_at is None


@pytest.mark.parametrize(
    "path",
    [
        "/alertes/confirmation/n-importe-quoi/",
        "/alertes/confirmation/eyJrIjoiYWJjIiwicCI6ImFjdHVhbGl0ZXMifQ:1vR:AAAA/",
        "/alertes/desinscription/inconnue/",
    ],
    ids=["garbage", "forged", "unknown-key"],
)
def test_a_bad_link_is_a_clear_404_page(demo, client, path):
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 404
        assert soup(response).find("h1").get_text() in ("Lien non valide", "Abonnement introuvable")
        assert 'content="noindex"' in response.content.decode()
    assert not Subscriber.objects.exists()


def test_a_confirmation_link_of_an_unsubscribed_address_is_refused(demo, client):
    subscribe_and_confirm(client, EMAIL)
    subscribe(client, EMAIL)
    path = confirmation_path(mail.outbox[-1])
    subscriber = Subscriber.objects.get()
    client.post(f"/alertes/desinscription/{subscriber.key}/")
    assert client.post(path).status_code == 404
    assert not Subscriber.objects.exists()


def test_unsubscribing_asks_for_a_click_then_deletes_the_address_and_its_log(demo, client):
    subscribe_and_confirm(client, EMAIL)
    publish("Communiqué avant le désabonnement")
    send_alerts()
    subscriber = Subscriber.objects.get()
    path = f"/alertes/desinscription/{subscriber.key}/"

    page = client.get(path)  # a link checker, or the reader's first click
    assert page.status_code == 200
    assert soup(page).select_one("main button").get_text() == "Me désabonner"
    assert Subscriber.objects.exists()

    # The page's button: a plain form, no cookie, no token needed.
    response = Client(enforce_csrf_checks=True).post(path)
    assert response.status_code == 200
    assert "votre adresse a été effacée" in main_text(response)
    assert not Subscriber.objects.exists() and not Delivery.objects.exists()
    assert client.get(path).status_code == 404


def test_link_pages_are_never_cached_nor_indexed_nor_passed_on(demo, client):
    subscribe(client, EMAIL)
    confirm = confirmation_path(mail.outbox[0])
    unsubscribe = f"/alertes/desinscription/{Subscriber.objects.get().key}/"
    for path in (confirm, unsubscribe):
        response = client.get(path)
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert response["Referrer-Policy"] == "no-referrer"
        assert '<meta name="robots" content="noindex">' in response.content.decode()
        assert not response.cookies


def test_the_press_room_offers_the_alerts(demo, client):
    page = soup(client.get("/espace-presse/"))
    link = page.find("a", string="abonnez-vous aux alertes")
    assert link["href"] == SUBSCRIBE_URL
    assert "Recevoir les communiqués par e-mail" in link.parent.get_text()


def post_queries(url, data=None):
    with CaptureQueriesContext(connection) as queries:
        response = Client().post(url, data or {})
    assert response.status_code == 200, url
    return len(queries)


def test_pages_within_the_query_budget(demo, client):
    subscribe(client, EMAIL)
    confirm = confirmation_path(mail.outbox[0])
    unsubscribe = f"/alertes/desinscription/{Subscriber.objects.get().key}/"
    counts = {
        url: warm_count(Client(), url)
        for url in (SUBSCRIBE_URL, confirm, unsubscribe, "/espace-presse/")
    }
    # Confirming and unsubscribing too. (Sending the form counts the visitor's and the
    # address's requests in locked rows, pages/rate_limit.py: it is not a page one reads.)
    counts["POST confirmation"] = post_queries(confirm)
    counts["POST désinscription"] = post_queries(unsubscribe)
    assert_within_budget(counts)


def test_the_privacy_page_says_what_the_alerts_keep_and_for_how_long(demo, client):
    text = main_text(client.get("/donnees-personnelles/"))
    section = text[text.index("Alertes par e-mail") :]
    for said in (
        "votre adresse électronique, votre choix, la date de votre demande",
        "tant que vous restez abonné",
        "une demande non confirmée, 7 jours",
        "la liste des alertes envoyées, un an",
        "lien de désinscription présent dans chaque alerte",
        "page Contact",
    ):
        assert said in section, said

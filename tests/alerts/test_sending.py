"""A news item's alert goes out once, after its publication: never for a draft, never before
an embargo ends, never twice, and only to confirmed subscribers who want it."""

import datetime
import logging

from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

import pytest
import time_machine

from alerts.models import AlertedPage, Delivery, DeliveryStatus, Subscriber
from alerts.sending import INTERRUPTED_AFTER, claim_next, queue_alerts
from news.models import NewsPage, NewsType
from tests.alerts.helpers import (
    SITE,
    alerts_to,
    draft,
    publish,
    send_alerts,
    subscribe,
    subscribe_and_confirm,
)

JOURNALIST = "journaliste@redaction.example"
READER = "lectrice@example.org"


@pytest.fixture
def journalist(demo, client):
    subscribe_and_confirm(client, JOURNALIST, "communiques")
    return Subscriber.objects.get(email=JOURNALIST)


@pytest.fixture
def reader(demo, client):
    subscribe_and_confirm(client, READER, "actualites")
    return Subscriber.objects.get(email=READER)


def test_a_release_goes_out_once_after_publication(journalist):
    page = publish("Le Pôle signe la charte du covoiturage", intro="Un accord pour 2027.")
    assert mail.outbox == []  # nothing leaves with the publication itself

    assert "1 envoyée" in send_alerts()
    [message] = mail.outbox
    assert message.to == [JOURNALIST]
    assert message.bcc == [] and message.cc == []
    assert message.subject == "Communiqué de presse : Le Pôle signe la charte du covoiturage"
    assert "Un accord pour 2027." in message.body
    assert f"{SITE}{page.url}" in message.body
    # The item's date, the French way.
    assert f"du {page.date.day}" in message.body.splitlines()[0]
    unsubscribe = f"{SITE}/alertes/desinscription/{journalist.key}/"
    assert unsubscribe in message.body
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Both headers are in what leaves, not only in Django's object.
    sent = message.message()
    assert sent["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The link unsubscribes, without an account nor a cookie (RFC 8058's one-click POST).
    mail_provider = Client(enforce_csrf_checks=True)
    path = unsubscribe.removeprefix(SITE)
    response = mail_provider.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscriber.objects.filter(email=JOURNALIST).exists()
    assert not Delivery.objects.filter(page=page).exists()

    assert send_alerts() == ""
    assert len(mail.outbox) == 1


def test_running_the_sender_again_sends_nothing(journalist):
    publish("Communiqué unique")
    send_alerts()
    send_alerts()
    assert len(alerts_to(JOURNALIST)) == 1
    delivery = Delivery.objects.get(subscriber=journalist)
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.attempts == 1 and delivery.sent_at is not None


def test_an_unconfirmed_address_gets_nothing(demo, client):
    subscribe(client, "pas-encore@example.org")
    mail.outbox.clear()
    publish("Communiqué pour les confirmés")
    send_alerts()
    assert mail.outbox == []


def test_each_subscriber_gets_what_they_chose(journalist, reader):
    publish("Une actualité ordinaire", news_type=NewsType.NEWS)
    publish("Un communiqué", news_type=NewsType.PRESS_RELEASE)
    send_alerts()
    assert [m.subject for m in alerts_to(JOURNALIST)] == ["Communiqué de presse : Un communiqué"]
    assert sorted(m.subject for m in alerts_to(READER)) == [
        "Actualité : Une actualité ordinaire",
        "Communiqué de presse : Un communiqué",
    ]


def test_one_message_per_subscriber(journalist, reader):
    publish("Communiqué pour deux")
    send_alerts()
    assert sorted(m.to[0] for m in mail.outbox) == [JOURNALIST, READER]
    assert all(len(m.recipients()) == 1 for m in mail.outbox)


def test_a_draft_sends_nothing(journalist):
    page = draft("Brouillon de communiqué")
    page.save_revision()
    send_alerts()
    assert mail.outbox == []
    assert not AlertedPage.objects.filter(page=page).exists()


def test_an_embargoed_release_waits_for_its_time_then_goes_once(journalist):
    embargo = timezone.now() + datetime.timedelta(hours=3)
    page = publish("Communiqué sous embargo", go_live_at=embargo)
    assert not page.live  # Wagtail signalled the scheduling: nothing is queued
    assert not Delivery.objects.exists()
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115
    send_alerts()
    assert mail.outbox == []

    with time_machine.travel(embargo + datetime.timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115
        page.refresh_from_db()
        assert page.live
        send_alerts()
        send_alerts()
    [message] = mail.outbox
    assert message.subject == "Communiqué de presse : Communiqué sous embargo"


def test_republishing_sends_nothing(journalist, client):
    page = publish("Communiqué corrigé ensuite")
    send_alerts()
    # Someone subscribing meanwhile does not get the item when it is republished either.
    subscribe_and_confirm(client, READER, "actualites")
    page.title = "Communiqué corrigé ensuite (rectificatif)"
    page.save_revision().publish()
    page.unpublish()
    page.save_revision().publish()
    send_alerts()
    assert [m.to for m in mail.outbox] == [[JOURNALIST]]


def test_an_item_online_before_the_alerts_existed_is_never_announced(journalist):
    """The demo's items are online: republishing one, or taking it offline and back, sends
    nothing."""
    old = NewsPage.objects.live().filter(news_type=NewsType.PRESS_RELEASE).first()
    assert AlertedPage.objects.filter(page=old).exists()
    old.save_revision().publish()
    send_alerts()
    assert mail.outbox == []


def test_an_item_taken_offline_before_sending_is_not_announced(journalist):
    page = publish("Communiqué retiré aussitôt")
    page.unpublish()
    send_alerts()
    assert mail.outbox == []
    assert not Delivery.objects.filter(page=page).exists()


def test_a_private_item_is_not_announced(journalist):
    from wagtail.models import PageViewRestriction

    from news.models import NewsIndexPage

    index = NewsIndexPage.objects.get()
    PageViewRestriction.objects.create(page=index, restriction_type="login")
    page = publish("Communiqué réservé aux connectés")
    send_alerts()
    assert mail.outbox == []
    assert not AlertedPage.objects.filter(page=page).exists()


def test_a_message_interrupted_while_sending_is_never_sent_again(journalist, caplog):
    publish("Communiqué au moment d'une panne")
    delivery = claim_next()  # then the process dies, before or after the message left
    assert delivery.status == DeliveryStatus.SENDING
    send_alerts()
    assert mail.outbox == []  # not resent while it may still be on its way

    later = timezone.now() + INTERRUPTED_AFTER + datetime.timedelta(minutes=1)
    with time_machine.travel(later, tick=False), caplog.at_level(logging.ERROR):
        send_alerts()
    assert mail.outbox == []
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert "interrompu" in delivery.last_error
    assert f"Alertes n° {delivery.pk} interrompues" in caplog.text


def test_a_subscriber_never_gets_an_item_twice(journalist):
    """Whatever queues an item again, its row per subscriber is the only one."""
    page = publish("Communiqué publié deux fois d'affilée")
    AlertedPage.objects.all().delete()
    queue_alerts(page)
    assert Delivery.objects.filter(page=page).count() == 1
    send_alerts()
    assert len(mail.outbox) == 1


def test_the_scheduler_loop_sends_the_alerts(journalist):
    embargo = timezone.now() + datetime.timedelta(hours=1)
    publish("Communiqué du matin", go_live_at=embargo)
    with time_machine.travel(embargo + datetime.timedelta(minutes=2), tick=False):
        call_command("publish_scheduled_every", "--times", "1", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.subject for m in mail.outbox] == ["Communiqué de presse : Communiqué du matin"]

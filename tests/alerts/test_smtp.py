"""The alerts through a real SMTP server on this machine (aiosmtpd): what leaves is one
message per subscriber with its unsubscribe headers; a server that refuses or is down gets
the alert again later, and it arrives once."""

import datetime
import email
import email.policy

from django.utils import timezone

import pytest
import time_machine

from alerts.models import Delivery, DeliveryStatus, Subscriber
from alerts.sending import MAX_ATTEMPTS, RETRY_DELAYS
from tests.alerts.helpers import (
    SITE,
    SMTPServer,
    free_port,
    publish,
    send_alerts,
    subscribe_and_confirm,
    use_smtp,
)

JOURNALIST = "journaliste@redaction.example"
READER = "lecteur@example.org"


@pytest.fixture
def subscribers(demo, client):
    subscribe_and_confirm(client, JOURNALIST, "communiques")
    subscribe_and_confirm(client, READER, "actualites")
    return Subscriber.objects.order_by("email")


def received(server):
    return [
        email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        for envelope in server.messages
    ]


def test_each_subscriber_gets_one_message_with_its_own_unsubscribe_link(settings, subscribers):
    publish("Communiqué par SMTP")
    with SMTPServer() as server:
        use_smtp(settings, server.port)
        send_alerts()
    assert sorted(envelope.rcpt_tos for envelope in server.messages) == [[JOURNALIST], [READER]]
    for message in received(server):
        subscriber = Subscriber.objects.get(email=message["To"])
        assert message["Subject"] == "Communiqué de presse : Communiqué par SMTP"
        # Folded onto a line of its own (it is longer than 78 characters), as RFC 5322 allows.
        assert message["List-Unsubscribe"].strip() == (
            f"<{SITE}/alertes/desinscription/{subscriber.key}/>"
        )
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["Bcc"] is None
        assert "Communiqué par SMTP" in message.get_content()


def test_a_refusing_server_gets_the_alert_again_later_and_it_arrives_once(settings, subscribers):
    publish("Communiqué refusé puis accepté")
    with SMTPServer(refuse=2) as server:
        use_smtp(settings, server.port)
        assert "0 envoyée(s), 2 à retenter" in send_alerts()
        assert server.messages == []
        deliveries = Delivery.objects.all()
        assert {d.status for d in deliveries} == {DeliveryStatus.PENDING}
        assert {d.attempts for d in deliveries} == {1}
        assert all("451" in d.last_error for d in deliveries)

        send_alerts()  # too early: the next attempt is in RETRY_DELAYS[0]
        assert server.messages == []

        with time_machine.travel(timezone.now() + RETRY_DELAYS[0], tick=False):
            send_alerts()
            send_alerts()
    assert sorted(envelope.rcpt_tos for envelope in server.messages) == [[JOURNALIST], [READER]]
    assert {(d.status, d.attempts, d.last_error) for d in Delivery.objects.all()} == {
        (DeliveryStatus.SENT, 2, "")
    }


def test_a_server_down_stops_the_pass_and_the_alerts_leave_once_it_is_back(settings, subscribers):
    publish("Communiqué pendant une panne du serveur de messagerie")
    port = free_port()  # nothing listens there yet
    use_smtp(settings, port)
    send_alerts()
    # The first alert counts a failed attempt; the pass stopped there, the other waits.
    assert sorted(Delivery.objects.values_list("attempts", flat=True)) == [0, 1]
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.PENDING}

    with SMTPServer(port=port) as server:
        send_alerts()  # the one not tried yet leaves at once
        assert len(server.messages) == 1
        with time_machine.travel(timezone.now() + RETRY_DELAYS[0], tick=False):
            send_alerts()
    assert sorted(envelope.rcpt_tos for envelope in server.messages) == [[JOURNALIST], [READER]]


def test_an_alert_is_given_up_after_the_last_attempt(settings, subscribers, caplog):
    Subscriber.objects.filter(email=READER).delete()
    publish("Communiqué jamais accepté")
    with SMTPServer(refuse=MAX_ATTEMPTS) as server:
        use_smtp(settings, server.port)
        when = timezone.now()
        for delay in [datetime.timedelta(0), *RETRY_DELAYS]:
            when += delay
            with time_machine.travel(when, tick=False):
                send_alerts()
        with time_machine.travel(when + datetime.timedelta(days=2), tick=False):
            send_alerts()
    assert server.messages == []
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, MAX_ATTEMPTS)
    assert f"Alerte n° {delivery.pk}" in caplog.text and "abandonnée" in caplog.text

"""What the Pôle's staff sees of the alerts: Validateurs list, export (CSV) and delete the
subscribers, nobody writes one in by hand, Rédacteurs do not see them; the daily purge; a
subscription leaves the page cache alone."""

import csv
import datetime
import importlib
import io

from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

import pytest
import time_machine

from alerts.models import AlertedPage, Delivery, DeliveryStatus, Subscriber
from editorial.roles import REVIEWERS, WRITERS
from news.models import NewsPage
from pole_site import page_cache
from tests.alerts.helpers import publish, send_alerts, subscribe, subscribe_and_confirm
from tests.editors import member_of
from tests.news.helpers import clean, soup

INDEX = "/admin/abonnes_alertes/"
EXPORT = INDEX + "?export=csv"


@pytest.fixture
def subscribers(demo, client):
    subscribe_and_confirm(client, "journaliste@redaction.example", "communiques")
    subscribe(client, "pas-confirmee@example.org", "actualites")
    return Subscriber.objects.all()


def test_validateurs_export_the_subscribers_as_csv(client, subscribers):
    client.force_login(member_of(REVIEWERS, "validatrice"))
    listing = client.get(INDEX)
    assert listing.status_code == 200
    assert "journaliste@redaction.example" in listing.content.decode()

    response = client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "abonnes-alertes" in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert sorted(row["Adresse électronique"] for row in rows) == [
        "journaliste@redaction.example",
        "pas-confirmee@example.org",
    ]
    confirmed = next(row for row in rows if row["Adresse électronique"].startswith("journaliste"))
    assert confirmed["Alertes reçues"] == "Les communiqués de presse"
    assert confirmed["Confirmé le"]
    assert set(rows[0]) == {
        "Adresse électronique",
        "Alertes reçues",
        "Demande reçue le",
        "Confirmé le",
    }


def test_redacteurs_do_not_see_the_subscribers(client, subscribers):
    client.force_login(member_of(WRITERS, "redacteur"))
    assert "Abonnés aux alertes" not in client.get("/admin/").content.decode()
    for url in (INDEX, EXPORT):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "journaliste@redaction.example" not in response.content.decode()


def test_nobody_writes_a_subscriber_in_by_hand(admin_client, subscribers):
    subscriber = subscribers.get(email="journaliste@redaction.example")
    assert admin_client.get(INDEX + "new/").status_code in (302, 403)
    assert admin_client.get(f"{INDEX}edit/{subscriber.pk}/").status_code in (302, 403)
    inspect = admin_client.get(f"{INDEX}inspect/{subscriber.pk}/")
    assert inspect.status_code == 200
    assert "Les communiqués de presse" in inspect.content.decode()
    unconfirmed = subscribers.get(email="pas-confirmee@example.org")
    page = soup(admin_client.get(f"{INDEX}inspect/{unconfirmed.pk}/")).select_one("main dl")
    assert "Confirmé le pas encore" in clean(page) and "None" not in clean(page)


def test_validateurs_delete_a_subscriber_on_request(client, subscribers):
    client.force_login(member_of(REVIEWERS, "validatrice"))
    subscriber = subscribers.get(email="journaliste@redaction.example")
    response = client.post(f"{INDEX}delete/{subscriber.pk}/")
    assert response.status_code == 302
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_the_daily_purge(subscribers):
    publish("Communiqué ancien")
    send_alerts()
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 1
    quiet = io.StringIO()
    call_command("purge_alerts", stdout=quiet)
    assert Subscriber.objects.count() == 2  # nothing old enough yet

    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, hours=1)):
        call_command("purge_alerts", stdout=quiet)
    assert list(Subscriber.objects.values_list("email", flat=True)) == [
        "journaliste@redaction.example"
    ]
    assert Delivery.objects.count() == 1

    with time_machine.travel(timezone.now() + datetime.timedelta(days=366)):
        call_command("purge_alerts", stdout=quiet)
    assert not Delivery.objects.exists()
    assert Subscriber.objects.count() == 1  # a confirmed subscriber stays until unsubscribing


def test_the_scheduler_purges_daily(subscribers):
    Subscriber.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    call_command("publish_scheduled_every", "--times", "1", stdout=io.StringIO())
    assert list(Subscriber.objects.values_list("email", flat=True)) == [
        "journaliste@redaction.example"
    ]


def test_subscribing_leaves_the_page_cache_alone(demo, client):
    before = page_cache.current_generation()
    subscribe_and_confirm(client, "journaliste@redaction.example")
    Subscriber.objects.get().delete()
    assert page_cache.current_generation() == before


def test_the_news_online_before_the_alerts_count_as_announced(demo):
    """The data migration: every item online (or online once) is marked announced."""
    AlertedPage.objects.all().delete()
    offline = NewsPage.objects.live().first()
    offline.unpublish()
    draft = NewsPage.objects.live().last()
    NewsPage.objects.filter(pk=draft.pk).update(live=False, first_published_at=None)
    migration = importlib.import_module("alerts.migrations.0002_existing_news_alerted")
    migration.mark_published_news(apps, None)
    marked = set(AlertedPage.objects.values_list("page_id", flat=True))
    assert offline.pk in marked and draft.pk not in marked
    assert marked == set(NewsPage.objects.exclude(pk=draft.pk).values_list("pk", flat=True))

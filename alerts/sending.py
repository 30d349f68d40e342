"""Queuing a news item's alerts when it goes live, and sending them in the background.

At most once, whatever happens: there is one row per (subscriber, item) at most, and a
message is sent only by the process that moved its row from « à envoyer » to « en cours »,
committed before the message leaves. A process that dies while sending leaves its row « en
cours »: the message may have left, so it is never sent again (the row is marked abandoned,
and logged). A mail server that refuses a message, or cannot be reached, puts the row back
for a later attempt, later each time, until `MAX_ATTEMPTS`.

The logs name rows by their number, never an address.
"""

import contextlib
import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as database
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from news.models import NewsPage
from pages.queries import public

from .mail import alert_message
from .models import (
    DELIVERY_LOG_DAYS,
    UNCONFIRMED_DAYS,
    AlertedPage,
    Delivery,
    DeliveryStatus,
    Scope,
    Subscriber,
)

logger = logging.getLogger(__name__)

# The wait before each new attempt after a failure: about nine hours of attempts in all.
RETRY_DELAYS = [
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
    datetime.timedelta(hours=6),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A row still « en cours » after this was left by a process that died while sending: a
# message takes seconds (EMAIL_TIMEOUT bounds each step).
INTERRUPTED_AFTER = datetime.timedelta(hours=1)
# What a mail server that refuses a message, or cannot be reached, raises.
SEND_ERRORS = (smtplib.SMTPException, OSError)
INTERRUPTED_ERROR = "Envoi interrompu : le message a pu partir, il n'est pas renvoyé."


def queue_alerts(page):
    """Queue `page`'s alerts for the confirmed subscribers who want it.

    Only an item's first publication as a public page alerts: a correction republished, or
    an item unpublished and published again, sends nothing more. Runs in the publication's
    transaction: a publication that fails queues nothing.
    """
    if not public(NewsPage.objects.filter(pk=page.pk)).exists():
        return
    _, first = AlertedPage.objects.get_or_create(page_id=page.pk)
    if not first:
        return
    now = timezone.now()
    subscribers = Subscriber.objects.confirmed().filter(scope__in=Scope.wanting(page))
    # A row already there (however it came) stays the only one: never two messages.
    Delivery.objects.bulk_create(
        (
            Delivery(subscriber_id=pk, page_id=page.pk, next_attempt_at=now)
            for pk in subscribers.values_list("pk", flat=True).iterator()
        ),
        batch_size=500,
        ignore_conflicts=True,
    )


def cancel_alerts(page):
    """An item taken offline before its alerts left: they are not sent."""
    Delivery.objects.filter(page_id=page.pk, status=DeliveryStatus.PENDING).delete()


def claim_next():
    """The next due alert, moved to « en cours » (committed), with its subscriber and item;
    None when none is due.

    Two senders at once (the scheduler, a command run by hand) never take the same row:
    PostgreSQL skips the rows another one has locked, and the update takes a row only if it
    is still « à envoyer » (on SQLite, one writer at a time).
    """
    while True:
        now = timezone.now()
        due = Delivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
        if database.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        with transaction.atomic():
            pk = due.order_by("next_attempt_at", "pk").values_list("pk", flat=True).first()
            if pk is None:
                return None
            taken = Delivery.objects.filter(pk=pk, status=DeliveryStatus.PENDING).update(
                status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
            )
        # Gone meanwhile (unsubscribed, item deleted): the next one.
        delivery = Delivery.objects.select_related("subscriber", "page").filter(pk=pk).first()
        if taken and delivery is not None:
            return delivery


def describe(error):
    return f"{type(error).__name__} : {error}"[:200]


def retry_later(delivery, error):
    """A failed attempt: try again after the next delay, or give up after the last one."""
    now = timezone.now()
    rows = Delivery.objects.filter(pk=delivery.pk)
    if delivery.attempts >= MAX_ATTEMPTS:
        rows.update(status=DeliveryStatus.FAILED, last_error=describe(error))
        logger.error(
            "Alerte n° %s (actualité %s) abandonnée après %s tentatives : %s",
            delivery.pk,
            delivery.page_id,
            delivery.attempts,
            type(error).__name__,
        )
        return
    delay = RETRY_DELAYS[delivery.attempts - 1]
    rows.update(
        status=DeliveryStatus.PENDING, next_attempt_at=now + delay, last_error=describe(error)
    )
    logger.warning(
        "Alerte n° %s (actualité %s) non envoyée (%s), nouvelle tentative dans %s min",
        delivery.pk,
        delivery.page_id,
        type(error).__name__,
        int(delay.total_seconds() // 60),
    )


def abandon_interrupted():
    """Rows left « en cours » by a process that died: never sent again, and said so."""
    cutoff = timezone.now() - INTERRUPTED_AFTER
    stuck = Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=cutoff)
    pks = list(stuck.values_list("pk", flat=True))
    if pks:
        stuck.filter(pk__in=pks).update(status=DeliveryStatus.FAILED, last_error=INTERRUPTED_ERROR)
        logger.error(
            "Alertes n° %s interrompues en cours d'envoi : elles ont pu partir, elles ne sont "
            "pas renvoyées.",
            ", ".join(map(str, pks)),
        )
    return len(pks)


def send_due():
    """Send every due alert, one message per subscriber, over one connection to the mail
    server; {"sent": …, "retried": …, "failed": …}.

    A server that cannot be reached ends the pass at the first alert: the others wait for
    the next pass without an attempt counted against them.
    """
    counts = {"sent": 0, "retried": 0, "failed": abandon_interrupted()}
    smtp = get_connection(timeout=settings.EMAIL_TIMEOUT)
    try:
        while (delivery := claim_next()) is not None:
            try:
                smtp.open()
            except SEND_ERRORS as error:
                retry_later(delivery, error)
                counts["failed" if delivery.attempts >= MAX_ATTEMPTS else "retried"] += 1
                break
            try:
                alert_message(delivery.subscriber, delivery.page, connection=smtp).send()
            except SEND_ERRORS as error:
                retry_later(delivery, error)
                counts["failed" if delivery.attempts >= MAX_ATTEMPTS else "retried"] += 1
                # The session may be broken: the next message opens a new one.
                close_quietly(smtp)
                continue
            Delivery.objects.filter(pk=delivery.pk).update(
                status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error=""
            )
            counts["sent"] += 1
    finally:
        close_quietly(smtp)
    return counts


def close_quietly(smtp):
    # A server that already hung up, or fails to say goodbye, changes nothing to what was sent.
    with contextlib.suppress(*SEND_ERRORS):
        smtp.close()


def purge(now=None):
    """Delete unconfirmed requests past the confirmation's validity, and the sending log
    past its retention; (subscribers, deliveries) deleted."""
    now = now or timezone.now()
    expired = now - datetime.timedelta(days=UNCONFIRMED_DAYS)
    # An unconfirmed address was never sent an alert: it has no delivery to cascade to.
    subscribers, _ = Subscriber.objects.filter(
        confirmed_at__isnull=True, created_at__lt=expired
    ).delete()
    old = now - datetime.timedelta(days=DELIVERY_LOG_DAYS)
    deliveries, _ = Delivery.objects.filter(
        Q(status=DeliveryStatus.SENT, sent_at__lt=old)
        | Q(status=DeliveryStatus.FAILED, claimed_at__lt=old)
    ).delete()
    return subscribers, deliveries

"""Who asked for the alerts, and what was sent to whom.

Only what sending needs is kept: an address, a choice, two dates, and a key for the
unsubscribe link. An address stays unconfirmed until its owner follows the link sent to it,
and nothing is sent to it before; unconfirmed addresses are deleted after
`UNCONFIRMED_DAYS` days, the sending log after `DELIVERY_LOG_DAYS` days (`purge_alerts`).
"""

import secrets

from django.db import models
from django.db.models.functions import Lower

from news.models import NewsPage

# How long a confirmation link works, and an unconfirmed address is kept.
UNCONFIRMED_DAYS = 7
# How long a sent (or abandoned) message's row is kept: the proof of what was sent, when.
DELIVERY_LOG_DAYS = 365


def new_key():
    # 256 random bits, URL-safe: the unsubscribe link cannot be guessed, and says nothing
    # about the address.
    return secrets.token_urlsafe(32)


class Scope(models.TextChoices):
    PRESS_RELEASES = "communiques", "Les communiqués de presse"
    ALL_NEWS = "actualites", "Toutes les actualités, communiqués de presse compris"

    @classmethod
    def wanting(cls, page):
        """The scopes whose subscribers want `page`."""
        return [cls.ALL_NEWS, cls.PRESS_RELEASES] if page.is_press_release else [cls.ALL_NEWS]


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def with_email(self, email):
        return self.filter(email__iexact=email)


class Subscriber(models.Model):
    """One address that asked for the alerts (journalists mostly, anyone may)."""

    email = models.EmailField("adresse électronique", max_length=254)
    scope = models.CharField(
        "alertes reçues", max_length=20, choices=Scope.choices, default=Scope.PRESS_RELEASES
    )
    created_at = models.DateTimeField("demande reçue le", auto_now_add=True)
    confirmed_at = models.DateTimeField("confirmé le", null=True, blank=True)
    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = "abonné aux alertes"
        verbose_name_plural = "abonnés aux alertes"
        ordering = ["-created_at"]
        constraints = [
            # One subscription per mailbox, however its address is typed.
            models.UniqueConstraint(Lower("email"), name="alerts_subscriber_email_ci_unique"),
        ]

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "à envoyer"
    SENDING = "sending", "en cours d'envoi"
    SENT = "sent", "envoyé"
    FAILED = "failed", "abandonné"


class Delivery(models.Model):
    """One news item's alert to one subscriber: at most one row, so at most one message."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="deliveries", verbose_name="abonné"
    )
    page = models.ForeignKey(
        NewsPage, on_delete=models.CASCADE, related_name="+", verbose_name="actualité"
    )
    status = models.CharField(
        "état", max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    next_attempt_at = models.DateTimeField("prochaine tentative")
    claimed_at = models.DateTimeField("envoi commencé le", null=True, blank=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)
    last_error = models.CharField("dernière erreur", max_length=200, blank=True)

    class Meta:
        verbose_name = "envoi d'alerte"
        verbose_name_plural = "envois d'alertes"
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "page"], name="alerts_one_per_page"),
        ]
        indexes = [
            # What the sender looks for at each pass: the due ones among the pending.
            models.Index(fields=["status", "next_attempt_at"], name="alerts_due_idx"),
        ]

    def __str__(self):
        return f"{self.page_id} → {self.subscriber_id} ({self.status})"


class AlertedPage(models.Model):
    """A news item whose alerts were queued: its first publication only alerts."""

    page = models.OneToOneField(
        NewsPage, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "actualité annoncée"
        verbose_name_plural = "actualités annoncées"

    def __str__(self):
        return f"{self.page_id} ({self.queued_at:%Y-%m-%d %H:%M})"

"""The two messages the alerts send: the confirmation link, and a news item's alert.

Plain text, in French, one recipient each (never a list in Bcc), every address on the site's
public address (SITE_URL), never on the host a request came in on. No image, no tracking
link: what a reader opens is the item's own address.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from pages.public_address import absolute_url

from .models import UNCONFIRMED_DAYS, Scope
from .tokens import confirmation_token

SUBJECT_PREFIXES = {True: "Communiqué de presse", False: "Actualité"}


def unsubscribe_url(subscriber):
    return absolute_url(None, reverse("alerts:unsubscribe", args=[subscriber.key]))


def confirmation_message(subscriber, scope):
    token = confirmation_token(subscriber, scope)
    body = render_to_string(
        "alerts/emails/confirmation.txt",
        {
            "site_name": settings.WAGTAIL_SITE_NAME,
            "scope_label": Scope(scope).label,
            "confirm_url": absolute_url(None, reverse("alerts:confirm", args=[token])),
            "days": UNCONFIRMED_DAYS,
        },
    )
    return EmailMessage(
        subject=f"Confirmez votre abonnement aux alertes du {settings.WAGTAIL_SITE_NAME}",
        body=body,
        to=[subscriber.email],
        headers={"Auto-Submitted": "auto-generated"},
    )


def alert_message(subscriber, page, connection=None):
    """One news item, for one subscriber, with the RFC 8058 one-click unsubscribe headers:
    mail providers offer « Se désabonner » and POST to the link without opening it."""
    unsubscribe = unsubscribe_url(subscriber)
    body = render_to_string(
        "alerts/emails/alert.txt",
        {
            "site_name": settings.WAGTAIL_SITE_NAME,
            "page": page,
            "kind": SUBJECT_PREFIXES[page.is_press_release],
            "url": page.get_full_url(),
            "scope_label": Scope(subscriber.scope).label.lower(),
            "unsubscribe_url": unsubscribe,
        },
    )
    # A title is one line, but a subject must be one line whatever an editor pasted.
    title = " ".join(page.title.split())
    return EmailMessage(
        subject=f"{SUBJECT_PREFIXES[page.is_press_release]} : {title}",
        body=body,
        to=[subscriber.email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # No out-of-office replies to an automatic message.
            "Auto-Submitted": "auto-generated",
        },
    )

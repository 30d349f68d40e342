"""`/alertes/`: subscribing, confirming, unsubscribing, without an account.

Nothing here tells whether an address is known: the form gives the same answer either way,
and only the owner of a mailbox reads what is sent to it. The confirmation and unsubscribe
links are secrets (a signed token, a random key): whoever holds one may act, so those two
pages need no cookie nor CSRF token (a mail provider's one-click unsubscribe, RFC 8058,
sends none). Following a link changes nothing by itself: each page asks for a click, so
that the link checkers of mail services, which open every link, neither confirm nor
unsubscribe anyone.
"""

import logging

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from pages import rate_limit
from pages.forms import HONEYPOT_FIELD
from pole_site.client_ip import client_key

from .forms import SubscriptionForm
from .mail import confirmation_message
from .models import UNCONFIRMED_DAYS, Scope, Subscriber
from .sending import SEND_ERRORS
from .tokens import Expired, Invalid, read_confirmation_token

logger = logging.getLogger(__name__)

BREADCRUMB = "Alertes par e-mail"
META_DESCRIPTION = (
    "Recevoir par e-mail les communiqués de presse du Pôle Métropolitain Rouen Seine Eure, ou "
    "toutes ses actualités, dès leur mise en ligne."
)
# Confirmation messages one address may be sent a day, whoever asks: the form cannot be used
# to flood someone's mailbox from many addresses.
CONFIRMATIONS_PER_ADDRESS = 3
DAY = 24 * 60 * 60
RATE_LIMIT_MESSAGE = (
    "Vous avez envoyé plusieurs demandes en peu de temps. Pour protéger le site des envois "
    "automatiques, la vôtre n'a pas été enregistrée : réessayez dans une dizaine de minutes."
)
SEND_FAILED_MESSAGE = (
    "Le message de confirmation n'a pas pu être envoyé pour le moment. Réessayez dans "
    "quelques minutes."
)
# What each kind of bad link says, and its status.
BAD_LINKS = {
    "invalid": (
        404,
        "Lien non valide",
        "Ce lien ne correspond à aucune demande : vérifiez qu'il a été copié en entier.",
    ),
    "expired": (
        410,
        "Lien expiré",
        f"Ce lien de confirmation était valable {UNCONFIRMED_DAYS} jours. Abonnez-vous à "
        "nouveau : un nouveau lien vous sera envoyé.",
    ),
    "unknown": (
        404,
        "Abonnement introuvable",
        "Aucun abonnement ne correspond à ce lien : l'adresse a sans doute été désabonnée, ou "
        f"la demande n'a pas été confirmée dans les {UNCONFIRMED_DAYS} jours.",
    ),
}


def page_context(title, **context):
    return {
        "page_title": title,
        "breadcrumb_title": BREADCRUMB,
        "meta_description": META_DESCRIPTION,
        "days": UNCONFIRMED_DAYS,
        **context,
    }


def link_page(request, template, context, status=200):
    """A page reached by a secret link: never cached, never indexed, and its address is not
    passed on as the referrer of the next page."""
    response = render(request, template, {**context, "noindex": True}, status=status)
    response["Referrer-Policy"] = "no-referrer"
    return response


def bad_link(request, reason):
    status, title, text = BAD_LINKS[reason]
    return link_page(request, "alerts/bad_link.html", page_context(title, text=text), status)


def address_key(email):
    # Keyed with the site's secret: the counter's row does not give the address back.
    return f"alerts-address:{salted_hmac('alerts.address', email.lower()).hexdigest()}"


def ask_confirmation(email, scope):
    """Record the request and send its confirmation link, whether the address is new,
    waiting for its confirmation, or already subscribed (the link then sets the choice).

    An unconfirmed request takes the latest choice, and its days count from the latest
    request. Raises SEND_ERRORS when the mail server fails.
    """
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().with_email(email).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(email=email, scope=scope)
            except IntegrityError:  # the same address sent twice at once
                subscriber = Subscriber.objects.with_email(email).get()
        elif not subscriber.is_confirmed:
            Subscriber.objects.filter(pk=subscriber.pk).update(
                scope=scope, created_at=timezone.now()
            )
    if rate_limit.allow(address_key(email), CONFIRMATIONS_PER_ADDRESS, DAY):
        confirmation_message(subscriber, scope).send()


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    title = "Recevoir les actualités par e-mail"
    if request.method != "POST":
        context = page_context(title, form=SubscriptionForm(), honeypot_field=HONEYPOT_FIELD)
        return render(request, "alerts/subscribe.html", context)
    done = page_context("Vérifiez votre messagerie", noindex=True)
    if request.POST.get(HONEYPOT_FIELD):
        # A robot: it sees the usual answer, nothing is stored nor sent.
        logger.info("Alertes : demande de robot ignorée (champ piège rempli).")
        return render(request, "alerts/subscribe_done.html", done)
    form = SubscriptionForm(request.POST)
    status = 200
    if form.is_valid():
        key = f"alerts-form:{client_key(request)}"
        if rate_limit.allow(key, rate_limit.RATE_LIMIT, rate_limit.RATE_LIMIT_WINDOW):
            try:
                ask_confirmation(form.cleaned_data["email"], form.cleaned_data["scope"])
            except SEND_ERRORS:
                logger.exception("Alertes : message de confirmation non envoyé.")
                form.add_error(None, SEND_FAILED_MESSAGE)
                status = 503
            else:
                return render(request, "alerts/subscribe_done.html", done)
        else:
            form.add_error(None, RATE_LIMIT_MESSAGE)
            status = 429
    context = page_context(title, form=form, honeypot_field=HONEYPOT_FIELD, noindex=True)
    response = render(request, "alerts/subscribe.html", context, status=status)
    if status == 429:
        response["Retry-After"] = str(rate_limit.RATE_LIMIT_WINDOW)
    return response


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    try:
        key, scope = read_confirmation_token(token)
    except Expired:
        return bad_link(request, "expired")
    except Invalid:
        return bad_link(request, "invalid")
    subscriber = Subscriber.objects.filter(key=key).first()
    if subscriber is None or scope not in Scope.values:
        return bad_link(request, "unknown")
    context = page_context("Confirmer votre abonnement", scope_label=Scope(scope).label)
    if request.method == "POST":
        Subscriber.objects.filter(pk=subscriber.pk).update(
            scope=scope, confirmed_at=Coalesce(F("confirmed_at"), timezone.now())
        )
        context["page_title"] = "Abonnement confirmé"
        return link_page(request, "alerts/confirmed.html", context)
    return link_page(request, "alerts/confirm.html", context)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, key):
    subscriber = Subscriber.objects.filter(key=key).first()
    if subscriber is None:
        return bad_link(request, "unknown")
    if request.method == "POST":
        # The subscriber and the log of what was sent to it, at once.
        subscriber.delete()
        return link_page(request, "alerts/unsubscribed.html", page_context("Désabonnement"))
    context = page_context("Se désabonner", scope_label=Scope(subscriber.scope).label)
    return link_page(request, "alerts/unsubscribe.html", context)

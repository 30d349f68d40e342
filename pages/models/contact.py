"""The contact form page: Wagtail's form builder with the site's spam protections."""

import datetime
import logging
from http import HTTPMethod

from django import forms
from django.conf import settings
from django.core.mail import get_connection
from django.db import models
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format

from modelcluster.fields import ParentalKey
from wagtail.admin.mail import send_mail
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from ..forms import AUTOCOMPLETE_CHOICES, HONEYPOT_FIELD, ContactFormBuilder
from ..rate_limit import RATE_LIMIT_MESSAGE, RATE_LIMIT_WINDOW, allow_submission
from .base import SitePage

logger = logging.getLogger(__name__)

DEFAULT_NOTIFICATION_SUBJECT = "Nouveau message reçu par le formulaire de contact"


class ContactFormField(AbstractFormField):
    """One field of the contact form: editors choose its label, type, help text and whether
    it is required, and say what it asks for so that browsers can offer to fill it in."""

    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")
    autocomplete = models.CharField(
        "remplissage automatique",
        max_length=20,
        blank=True,
        choices=AUTOCOMPLETE_CHOICES,
        help_text=(
            "Ce que le champ demande, pour que le navigateur propose de le remplir "
            "(accessibilité). Un champ de type « E-mail » est reconnu sans réglage."
        ),
    )

    panels = [*AbstractFormField.panels, FieldPanel("autocomplete")]

    class Meta(AbstractFormField.Meta):
        verbose_name = "champ du formulaire"
        verbose_name_plural = "champs du formulaire"


class ContactPage(SitePage, AbstractEmailForm):
    """`/contact/`: a form to write to the Pôle, built with Wagtail's form builder.

    Editors change the fields, their labels and help texts without a developer; every message
    is kept (Formulaires in the admin, exportable as CSV) and, when an address is set, sent to
    the team by e-mail. A message is never lost: if sending the e-mail fails, it is still
    stored and the visitor still sees the thank-you page. Robots are turned away by a honeypot
    field (pages/forms.py) and a per-address rate limit (pages/rate_limit.py).
    """

    allowed_http_methods = [*SitePage.allowed_http_methods, HTTPMethod.POST]

    intro = models.TextField(
        "introduction",
        blank=True,
        help_text="Affichée au-dessus du formulaire : à quoi il sert, et à qui s'adresser sinon.",
    )
    thank_you_text = RichTextField(
        "texte de remerciement",
        blank=True,
        features=["bold", "italic", "link"],
        help_text=(
            "Affiché une fois le message envoyé. Vide : « Votre message a bien été envoyé "
            "au Pôle Métropolitain. »"
        ),
    )

    form_builder = ContactFormBuilder

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("intro"), FieldPanel("thank_you_text")], heading="Contenu"),
        MultiFieldPanel(
            [
                FormSubmissionsPanel(),
                InlinePanel(
                    "form_fields",
                    label="champ",
                    help_text=(
                        "Chaque champ obligatoire est signalé « (obligatoire) » aux visiteurs. "
                        "Gardez une case à cocher de consentement qui dit à quoi servent "
                        "les données."
                    ),
                ),
            ],
            heading="Champs du formulaire",
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "to_address",
                    heading="destinataires",
                    help_text=(
                        "Adresses qui reçoivent chaque message, séparées par des virgules. "
                        "Vide : aucun courriel n'est envoyé, les messages sont seulement "
                        "enregistrés (menu Formulaires)."
                    ),
                ),
                FieldPanel(
                    "from_address",
                    heading="expéditeur",
                    help_text=(
                        "Adresse d'envoi des notifications, acceptée par le serveur de "
                        "messagerie du site. Vide : l'adresse d'envoi du site. « Répondre » "
                        "écrit directement au visiteur."
                    ),
                ),
                FieldPanel(
                    "subject",
                    heading="objet du courriel",
                    help_text=f"Vide : « {DEFAULT_NOTIFICATION_SUBJECT} ».",
                ),
            ],
            heading="Notification par courriel",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    # One contact form, directly under the home page (the footer links to /contact/);
    # the thank-you page is a view of this page, not a child.
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "page de contact"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["honeypot_field"] = HONEYPOT_FIELD
        return context

    def serve(self, request, *args, **kwargs):
        """Wagtail's form flow, plus the honeypot, the rate limit and error status codes."""
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        if request.POST.get(HONEYPOT_FIELD):
            # A robot: it sees the usual thank-you page, nothing is stored nor sent.
            logger.info("Formulaire de contact : message de robot ignoré (champ piège rempli).")
            return self.render_landing_page(request)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        status = 200
        if form.is_valid():
            if allow_submission(request):
                submission = self.process_form_submission(form)
                return self.render_landing_page(request, submission, *args, **kwargs)
            form.add_error(None, RATE_LIMIT_MESSAGE)
            status = 429
        context = self.get_context(request)
        context["form"] = form
        response = TemplateResponse(request, self.get_template(request), context, status=status)
        if status == 429:
            response["Retry-After"] = str(RATE_LIMIT_WINDOW)
        return response

    def process_form_submission(self, form):
        """Store the message first, then notify; a failed e-mail never loses the message."""
        submission = FormMixin.process_form_submission(self, form)
        if self.to_address:
            try:
                self.send_mail(form)
            except Exception:  # SMTP down, refused, timed out…: the message is stored anyway
                logger.exception(
                    "Formulaire de contact : courriel de notification non envoyé "
                    "(message n° %s enregistré, consultable dans l'administration).",
                    submission.pk,
                )
        return submission

    def send_mail(self, form):
        addresses = [address.strip() for address in self.to_address.split(",")]
        # "Reply" in the team's mail client answers the visitor.
        reply_to = [
            value
            for name, value in form.cleaned_data.items()
            if value and isinstance(form.fields[name], forms.EmailField)
        ][:1]
        send_mail(
            self.subject or DEFAULT_NOTIFICATION_SUBJECT,
            self.render_email(form),
            addresses,
            self.from_address,
            reply_to=reply_to or None,
            connection=get_connection(timeout=settings.EMAIL_TIMEOUT),
        )

    def render_email(self, form):
        """The message as "Label : value" lines, in French, and where to find all of them."""
        lines = []
        for field in form:
            value = form.cleaned_data.get(field.name)
            if isinstance(value, bool):
                value = "oui" if value else "non"
            elif isinstance(value, list):
                value = ", ".join(value)
            elif isinstance(value, datetime.datetime):
                value = date_format(value, "SHORT_DATETIME_FORMAT")
            elif isinstance(value, datetime.date):
                value = date_format(value, "SHORT_DATE_FORMAT")
            elif value is None:
                value = ""
            lines.append(f"{field.label} : {value}")
        admin_path = reverse("wagtailforms:list_submissions", args=[self.pk])
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + admin_path
        lines += ["", f"Tous les messages reçus : {admin_url}"]
        return "\n".join(lines)

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        response = super().render_landing_page(request, form_submission, *args, **kwargs)
        # A thank-you page has nothing to offer a search engine.
        response.context_data["noindex"] = True
        return response

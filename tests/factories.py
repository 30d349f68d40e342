"""Factories for every page model. tests/test_factories.py fails when a page type lacks one."""

import datetime

from django.conf import settings

from wagtail.models import Page, Site

import factory
import wagtail_factories

from acts.models import ActKind, ActPage, ActsIndexPage, Body, MeetingPage
from agenda.models import EventCategory, EventIndexPage, EventPage
from news.models import (
    NewsIndexPage,
    NewsPage,
    NewsType,
    PhotoLibraryPage,
    PressContact,
    PressKitPage,
    PressRoomPage,
    Theme,
)
from pages.models import (
    ContactFormField,
    ContactPage,
    HomePage,
    PresentationPage,
    SiteMapPage,
    StandardPage,
)
from pages.public_address import parse
from partners.models import Domain, PartnerIndexPage, PartnerKind, PartnerPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Pôle Métropolitain Rouen Seine Eure"
    slug = "accueil"
    intro = "Le Pôle Métropolitain associe la Métropole Rouen Normandie et l'Agglo Seine-Eure."

    class Meta:
        model = HomePage


class PresentationPageFactory(wagtail_factories.PageFactory):
    title = "Le Pôle Métropolitain"
    slug = "le-pole"
    intro = "Créé en 2012."
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>Sa vocation est simple.</p>"}]
    )

    class Meta:
        model = PresentationPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page standard {n}")
    intro = "Une page éditoriale."
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>Contenu.</p>"}])

    class Meta:
        model = StandardPage


class SiteMapPageFactory(wagtail_factories.PageFactory):
    title = "Plan du site"
    slug = "plan-du-site"

    class Meta:
        model = SiteMapPage


class ThemeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thème {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")

    class Meta:
        model = Theme


class PressContactFactory(factory.django.DjangoModelFactory):
    name = "Service communication"
    role = "Chargée de communication"
    email = "presse@example.invalid"
    phone = "02 00 00 00 00"

    class Meta:
        model = PressContact


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Actualités"
    slug = "actualites"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Actualité {n}")
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    news_type = NewsType.NEWS
    intro = "Un résumé de l'actualité."
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>Texte.</p>"}])

    class Meta:
        model = NewsPage


class PressRoomPageFactory(wagtail_factories.PageFactory):
    title = "Espace presse"
    slug = "espace-presse"

    class Meta:
        model = PressRoomPage


class PhotoLibraryPageFactory(wagtail_factories.PageFactory):
    title = "Photothèque"
    slug = "phototheque"

    class Meta:
        model = PhotoLibraryPage


class PressKitPageFactory(wagtail_factories.PageFactory):
    """A press kit with no file: add its documents, photos and releases as rows."""

    title = factory.Sequence(lambda n: f"Dossier de presse {n}")
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    intro = "Tout sur un sujet, pour les journalistes."

    class Meta:
        model = PressKitPage


class DomainFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Domaine {n}")
    slug = factory.Sequence(lambda n: f"domaine-{n}")

    class Meta:
        model = Domain


class PartnerIndexPageFactory(wagtail_factories.PageFactory):
    title = "Partenaires"
    slug = "partenaires"

    class Meta:
        model = PartnerIndexPage


class PartnerPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Partenaire {n}")
    kind = PartnerKind.CLUSTER
    summary = "Une structure soutenue par le Pôle."

    class Meta:
        model = PartnerPage


class ActsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Actes et délibérations"
    slug = "actes"
    intro = "Les actes du Pôle Métropolitain, publiés en entier et signés."

    class Meta:
        model = ActsIndexPage


class MeetingPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Conseil syndical {n}")
    body = Body.COUNCIL
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))

    class Meta:
        model = MeetingPage


class ActPageFactory(wagtail_factories.PageFactory):
    """An arrêté by default: a délibération needs its séance (`ActPage.clean`), so pass
    `kind=ActKind.DELIBERATION, meeting=...` for one. Live, so confirmed free of personal
    data, and without a PDF (publishing one is acts.publication's business)."""

    title = factory.Sequence(lambda n: f"Acte {n}")
    kind = ActKind.ORDER
    number = factory.Sequence(lambda n: f"2024-{n + 1}")
    adopted_on = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    decision = "<p>Le Président arrête ce qui suit.</p>"
    personal_data_removed = True

    class Meta:
        model = ActPage


class EventCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Catégorie {n}")
    slug = factory.Sequence(lambda n: f"categorie-{n}")

    class Meta:
        model = EventCategory


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Agenda"
    slug = "agenda"
    intro = "Les rendez-vous du Pôle Métropolitain."

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    """A whole-day event on the given `start_date` (one a day from 2024 by default), in a
    category of its own unless `category=` is given."""

    title = factory.Sequence(lambda n: f"Événement {n}")
    category = factory.SubFactory(EventCategoryFactory)
    start_date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    summary = "Un rendez-vous du Pôle Métropolitain."

    class Meta:
        model = EventPage


# The contact form as the demo builds it: name, e-mail, subject, message, consent.
CONTACT_FIELDS = [
    {"clean_name": "nom", "label": "Nom", "field_type": "singleline", "autocomplete": "name"},
    {
        "clean_name": "courriel",
        "label": "Adresse électronique",
        "field_type": "email",
        "help_text": "Pour vous répondre.",
    },
    {"clean_name": "objet", "label": "Objet", "field_type": "singleline"},
    {"clean_name": "message", "label": "Message", "field_type": "multiline"},
    {
        "clean_name": "consentement",
        "label": "J'accepte que ces informations servent à traiter ma demande.",
        "field_type": "checkbox",
    },
]


class ContactFormFieldFactory(factory.django.DjangoModelFactory):
    label = factory.Sequence(lambda n: f"Champ {n}")
    field_type = "singleline"
    required = True

    class Meta:
        model = ContactFormField


class ContactPageFactory(wagtail_factories.PageFactory):
    """A contact page with the five fields of CONTACT_FIELDS, unless `fields=[...]` is given."""

    title = "Contact"
    slug = "contact"
    intro = "Écrivez-nous."
    thank_you_text = "<p>Merci, votre message a bien été envoyé.</p>"
    to_address = "equipe@example.invalid"
    subject = "Nouveau message"

    class Meta:
        model = ContactPage
        skip_postgeneration_save = True

    @factory.post_generation
    def fields(obj, create, extracted, **kwargs):
        if not create:
            return
        for order, spec in enumerate(CONTACT_FIELDS if extracted is None else extracted):
            ContactFormFieldFactory(page=obj, sort_order=order, **spec)


def site_home():
    """A published home page as the default site's root, every other page removed: the tree
    `load_demo` starts from, at the site's public address."""
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    page = HomePageFactory(parent=root)
    hostname, port = parse(settings.SITE_URL)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"root_page": page, "hostname": hostname, "port": port}
    )
    return page

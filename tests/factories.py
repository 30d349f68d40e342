"""Factories for every page model. tests/test_factories.py fails when a page type lacks one."""

import factory
import wagtail_factories

from pages.models import HomePage, PresentationPage, SiteMapPage, StandardPage


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

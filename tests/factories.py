"""Factories for every page model. tests/test_factories.py fails when a page type lacks one."""

import wagtail_factories

from pages.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Pôle Métropolitain Rouen Seine Eure"
    slug = "accueil"
    intro = "Le Pôle Métropolitain associe la Métropole Rouen Normandie et l'Agglo Seine-Eure."

    class Meta:
        model = HomePage

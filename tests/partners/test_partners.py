"""The partners section as a citizen reads it and an editor fills it."""

import json
import re
from html import unescape

from django.core.cache import cache

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from news.models import NewsIndexPage, NewsPage
from pages.templatetags.pole_tags import euros
from partners.models import Domain, PartnerIndexPage, PartnerPage, Roadmap
from tests.budgets import QUERY_BUDGET, count_queries
from tests.editors import EditorTestCase
from tests.factories import (
    NewsPageFactory,
    PartnerIndexPageFactory,
    PartnerPageFactory,
)

SEED_PARTNERS = {
    "lsn": ("LSN", "Filière", "Logistique"),
    "nextmove": ("NextMove", "Pôle de compétitivité", "Automobile"),
    "polepharma": ("Polepharma", "Cluster", "Pharmacie"),
    "cosmetic-valley": ("Cosmetic Valley", "Pôle de compétitivité", "Cosmétique"),
    "pole-tes": ("Pôle TES", "Pôle de compétitivité", "Numérique"),
}


def text(response):
    return unescape(response.content.decode()).replace("\xa0", " ").replace("\u202f", " ")


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (32000, "32\u202f000\u00a0€"),
        (160000, "160\u202f000\u00a0€"),
        (500, "500\u00a0€"),
        (None, ""),
    ],
)
def test_euros_are_formatted_the_french_way(amount, expected):
    assert euros(amount) == expected


def test_index_lists_the_five_seed_partners_and_the_total(client, demo):
    html = text(client.get("/partenaires/"))
    assert "5 partenaires." in html
    for name, kind, domain in SEED_PARTNERS.values():
        assert f">{name}</a>" in html
        assert kind in html
        assert domain in html
    assert "160 000 € pour les feuilles de route 2021" in html
    assert "3 pôles de compétitivité" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?domaine=pharmacie", ["Polepharma"]),
        ("?type=pole", ["Cosmetic Valley", "NextMove", "Pôle TES"]),
        ("?type=filiere&domaine=logistique", ["LSN"]),
        ("?type=pole&domaine=pharmacie", []),
    ],
)
def test_filters(client, demo, query, expected):
    html = text(client.get("/partenaires/" + query))
    shown = re.findall(r'class="card__link" href="[^"]+">([^<]+)</a>', html)
    assert shown == expected
    assert f"{len(expected)} partenaire" in html


@pytest.mark.parametrize(
    "query",
    ["?domaine=%00", "?domaine=inconnu", "?type=%00x", "?type=" + "x" * 5000, "?domaine=' OR 1=1"],
)
def test_bad_filter_values_are_ignored_and_said(client, demo, query):
    response = client.get("/partenaires/" + query)
    assert response.status_code == 200
    html = text(response)
    assert "5 partenaires." in html
    assert "Filtre non reconnu ignoré" in html


def test_partner_page_shows_what_the_seed_says_and_nothing_invented(client, demo):
    html = text(client.get("/partenaires/polepharma/"))
    assert "<h1>Polepharma</h1>" in html
    assert "Bureau de Louviers" in html
    assert "5 de ses collaborateurs" in html
    assert "Feuille de route 2021" in html
    assert "Montant" not in html  # the seed gives only the 160 000 € total
    assert "Site internet" not in html  # no website in the seeds
    assert 'alt="Polepharma"' in html
    blocks = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    ]
    assert [block["@type"] for block in blocks] == ["BreadcrumbList", "Organization"]
    data = blocks[1]
    assert data["name"] == "Polepharma"
    assert data["sponsor"]["@type"] == "GovernmentOrganization"
    assert '<meta property="og:title" content="Polepharma">' in html


def test_seed_001_is_related_news_of_all_five_partners(client, demo):
    for slug in SEED_PARTNERS:
        html = text(client.get(f"/partenaires/{slug}/"))
        assert "soutien renouvelé aux pôles de compétitivité" in html
        assert f'href="/actualites/?partenaire={slug}"' in html
    listing = text(client.get("/actualites/?partenaire=polepharma"))
    assert "1 résultat" in listing
    assert "le partenaire « Polepharma »" in listing
    article = text(client.get("/actualites/soutien-renouvele-poles-de-competitivite-et-filieres/"))
    assert 'Partenaires concernés : <a href="/partenaires/cosmetic-valley/">' in article


def test_related_news_newest_first_five_max(client, demo):
    partner = PartnerPage.objects.get(slug="lsn")
    index = NewsIndexPage.objects.get()
    for day in range(1, 8):
        item = NewsPageFactory(parent=index, title=f"Brève {day}", date=f"2024-01-0{day}")
        item.related_partners = [partner]
        item.save()
    draft = NewsPageFactory(parent=index, title="Brouillon LSN", live=False)
    draft.related_partners = [partner]
    draft.save()
    html = text(client.get("/partenaires/lsn/"))
    shown = re.findall(r'class="card__link" href="[^"]+">([^<]+)</a>', html)
    assert shown == ["Brève 7", "Brève 6", "Brève 5", "Brève 4", "Brève 3"]


def test_home_page_partners_strip(client, demo):
    html = text(client.get("/"))
    strip = html[html.index('id="titre-partenaires"') :]
    for slug, (name, _, _) in SEED_PARTNERS.items():
        assert f'href="/partenaires/{slug}/"' in strip
        assert f'alt="{name}"' in strip


def measure(client, url):
    client.get(url)  # renditions generated once
    cache.clear()
    client.get(url)  # header cache warm, as for every visitor but the first
    response, queries = count_queries(client, url)
    assert response.status_code == 200
    return queries


def add_pages(factory, parent, count, title, **relations):
    """`count` more pages titled "<title> <n>" under `parent`, each linked to the objects of
    `relations` (a many-to-many field's name: [objects])."""
    for number in range(count):
        page = factory(parent=parent, title=f"{title} {number}")
        for name, objects in relations.items():
            setattr(page, name, objects)
        page.save()


def test_index_query_budget_is_fixed_from_5_to_50_partners(client, demo):
    with_five = measure(client, "/partenaires/")
    index = PartnerIndexPage.objects.get()
    add_pages(PartnerPageFactory, index, 45, "Structure", domains=[Domain.objects.first()])
    with_fifty = measure(client, "/partenaires/")
    assert with_fifty == with_five <= QUERY_BUDGET


def test_partner_page_query_budget_is_fixed_from_0_to_100_news(client, demo):
    partner = PartnerPage.objects.get(slug="nextmove")
    for item in NewsPage.objects.all():
        item.related_partners.remove(partner)
    with_none = measure(client, "/partenaires/nextmove/")
    index = NewsIndexPage.objects.get()
    add_pages(NewsPageFactory, index, 100, "Actualité NextMove", related_partners=[partner])
    with_hundred = measure(client, "/partenaires/nextmove/")
    # A partner page sits at depth 4; its routing and privacy check still cost 4 queries
    # (pages/routing.py), its logo comes with the page.
    assert with_hundred == with_none <= QUERY_BUDGET


class EditorTests(EditorTestCase):
    """An editor adds a sixth partner and its 2022 roadmap without a developer."""

    def setUp(self):
        super().setUp()
        self.index = PartnerIndexPageFactory(parent=self.home)
        self.domain = Domain.objects.create(name="Aéronautique", slug="aeronautique")

    def test_editor_adds_a_partner_with_its_2022_roadmap(self):
        data = nested_form_data(
            {
                "title": "Nouvelle filière",
                "slug": "nouvelle-filiere",
                "kind": "filiere",
                "domains": [self.domain.pk],
                "website": "https://example.org/",
                "summary": "Une sixième structure.",
                "local_office": "",
                "body": streamfield([("paragraph", rich_text("<p>Présentation.</p>"))]),
                "roadmaps": inline_formset(
                    [
                        {
                            "year": 2022,
                            "amount": 32000,
                            "objectives": rich_text("<p>Objectifs 2022.</p>"),
                        }
                    ]
                ),
            }
        )
        self.assertCanCreate(self.index, PartnerPage, data)
        roadmap = Roadmap.objects.get(page__slug="nouvelle-filiere")
        assert (roadmap.year, roadmap.amount) == (2022, 32000)
        partner = PartnerPage.objects.get(slug="nouvelle-filiere")
        partner.save_revision().publish()
        html = text(self.client.get(partner.url))
        assert "Feuille de route 2022" in html
        assert "32 000 €" in html
        assert "(site externe)" in html

"""The demo site a newcomer sees after `make run`: seed 000 in full, legal pages, site map."""

from html import unescape

from wagtail.models import PageViewRestriction

import pytest

from pages.models import QuickLink, StandardPage
from tests.news.helpers import get_content_page

DEMO_URLS = [
    "/",
    "/le-pole/",
    "/contact/",
    "/mentions-legales/",
    "/accessibilite/",
    "/donnees-personnelles/",
    "/plan-du-site/",
]


@pytest.mark.parametrize("url", DEMO_URLS)
def test_every_demo_page_renders_with_one_h1_and_a_breadcrumb(client, demo, url):
    get_content_page(client, url)


def test_presentation_page_carries_all_of_seed_000(client, demo):
    html = unescape(client.get("/le-pole/").content.decode()).replace("\xa0", " ")
    for fact in [
        "Dès 2012",
        "560 000",
        "107 communes urbaines et rurales",
        "près de 30 000 emplois",
        "forêt de Bord",
        "ne dispose d'ailleurs d'aucune ingénierie propre",
        "économie",
        "tourisme",
        "mobilités",
        "Réalisations",
        "Polepharma",
        "60 000 emplois et près de 300 acteurs",
        "(8 000)",
        "Seine à vélo",
        "Projet Alimentaire de Territoire, GeMAPI",
        "SRADDET",
    ]:
        assert fact in html, fact
    assert html.count('class="timeline__event"') == 3
    assert '<time datetime="2017">2017</time>' in html


def test_footer_carries_the_legal_links(client, demo):
    html = client.get("/").content.decode()
    footer = html[html.index("<footer") :]
    for label, url in [
        ("Mentions légales", "/mentions-legales/"),
        ("Accessibilité : non conforme", "/accessibilite/"),
        ("Données personnelles", "/donnees-personnelles/"),
        ("Plan du site", "/plan-du-site/"),
        ("Contact", "/contact/"),
    ]:
        assert f'<a href="{url}">{label}</a>' in footer


def test_home_shows_quick_links_grid_and_presentation(client, demo):
    html = client.get("/").content.decode()
    assert 'id="vos-services"' in html
    assert html.count("quick-link--card") == QuickLink.objects.count() == 11
    assert 'Métropole Rouen Normandie<span class="visually-hidden"> (site externe)</span>' in html
    assert 'href="/le-pole/"' in html


def test_header_menu_is_a_disclosure_with_a_no_js_fallback(client, demo):
    html = client.get("/mentions-legales/").content.decode()
    assert 'href="/#vos-services">Vos services en 1 clic</a>' in html
    assert 'aria-expanded="false" aria-controls="menu-vos-services"' in html
    assert 'id="menu-vos-services"' in html
    assert html.count("quick-link--menu") == QuickLink.objects.count()


def test_site_map_lists_live_public_pages_only(client, demo):
    draft = StandardPage(title="Brouillon secret", slug="brouillon", live=False)
    demo.add_child(instance=draft)
    private = StandardPage(title="Page privée", slug="privee")
    demo.add_child(instance=private)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    html = unescape(client.get("/plan-du-site/").content.decode())
    for title in ["Le Pôle Métropolitain", "Mentions légales", "Déclaration d'accessibilité"]:
        assert title in html
    assert "Brouillon secret" not in html
    assert "Page privée" not in html


def test_images_have_alt_text(client, demo):
    html = unescape(client.get("/le-pole/").content.decode())
    assert 'alt="Schéma : le Pôle Métropolitain Rouen Seine Eure réunit' in html

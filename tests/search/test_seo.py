"""How pages appear to search engines and social networks: sitemap, robots, meta, 404."""

import json
import xml.etree.ElementTree as ET

from django.conf import settings
from django.core.cache import cache

from wagtail.models import Page, PageViewRestriction, Site

import pytest
from wagtail_factories import ImageFactory

from news.models import NewsPage
from pages.models import PresentationPage, SiteIdentitySettings, StandardPage
from tests.budgets import count_queries
from tests.factories import StandardPageFactory
from tests.news.helpers import SOUTIEN, TERRITOIRES, clean, soup

SITE = settings.SITE_URL  # the public address every absolute URL starts with

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE_NAME = "Pôle Métropolitain Rouen Seine Eure"
# One page of each type from the demo content.
PAGES = [
    "/",
    "/le-pole/",
    "/mentions-legales/",
    "/plan-du-site/",
    "/actualites/",
    SOUTIEN,
    "/espace-presse/",
    "/partenaires/",
    "/partenaires/polepharma/",
]


def sitemap_urls(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    return {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("sm:url", SITEMAP_NS)
    }


def meta(page, name):
    tag = page.find("meta", attrs={"property": name}) or page.find("meta", attrs={"name": name})
    return tag["content"] if tag else None


def json_ld(page):
    return {
        block["@type"]: block
        for block in (
            json.loads(script.string)
            for script in page.find_all("script", type="application/ld+json")
        )
    }


# ---------------------------------------------------------------------------
# sitemap.xml and robots.txt
# ---------------------------------------------------------------------------


def test_sitemap_lists_every_public_live_page_with_its_date(client, demo):
    urls = sitemap_urls(client)
    for path in PAGES:
        assert f"{SITE}{path}" in urls, path
    assert all(lastmod for lastmod in urls.values())
    assert len(urls) == Page.objects.live().filter(depth__gt=1).count()


def test_sitemap_leaves_out_drafts_private_and_hidden_pages(client, demo):
    presentation = PresentationPage.objects.get()
    draft = StandardPageFactory(parent=presentation, title="Brouillon", live=False)
    private = StandardPageFactory(parent=presentation, title="Réservé")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    hidden = StandardPageFactory(parent=presentation, title="Masqué", hide_from_search_engines=True)
    shown = StandardPageFactory(parent=presentation, title="Visible")
    urls = sitemap_urls(client)
    assert f"{SITE}{shown.url}" in urls
    for page in (draft, private, hidden):
        assert f"{SITE}{page.url}" not in urls, page.title


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_admin_and_search(client, demo):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /recherche/" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert "Disallow: /" not in lines


# ---------------------------------------------------------------------------
# Every page: title, description, canonical, sharing, structured data
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_title_description_canonical_and_share_card(client, demo, path):
    response = client.get(path)
    assert response.status_code == 200
    page = soup(response)
    wagtail_page = response.context["page"]
    title = clean(page.title)
    assert title.endswith(f" – {SITE_NAME}")
    assert title != f" – {SITE_NAME}".strip()
    description = meta(page, "description")
    assert description and 20 < len(description) <= 160
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical == f"{SITE}{path}"
    assert meta(page, "og:url") == canonical
    assert meta(page, "og:title") == (wagtail_page.seo_title or wagtail_page.title)
    assert meta(page, "og:description") == description
    assert meta(page, "og:locale") == "fr_FR"
    assert meta(page, "og:image").startswith(f"{SITE}/")
    assert client.get(meta(page, "og:image").removeprefix(SITE)).status_code in {
        200,
        304,
    }
    assert meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "robots") is None  # indexable


def test_home_page_describes_the_pole_as_a_government_organization(client, demo):
    identity = SiteIdentitySettings.for_site(Site.objects.get(is_default_site=True))
    identity.email = "contact@example.invalid"
    identity.save()
    data = json_ld(soup(client.get("/")))
    organization = data["GovernmentOrganization"]
    assert organization["name"] == SITE_NAME
    assert organization["url"] == f"{SITE}/"
    assert organization["email"] == "contact@example.invalid"
    assert "560 000" in organization["description"] or organization["description"]
    assert "BreadcrumbList" not in data


def test_inner_pages_carry_the_breadcrumb_trail(client, demo):
    data = json_ld(soup(client.get(TERRITOIRES)))
    trail = data["BreadcrumbList"]["itemListElement"]
    assert [item["position"] for item in trail] == [1, 2, 3]
    assert trail[0] == {
        "@type": "ListItem",
        "position": 1,
        "name": "Accueil",
        "item": f"{SITE}/",
    }
    assert trail[1]["item"] == f"{SITE}/actualites/"
    assert trail[2]["item"] == f"{SITE}{TERRITOIRES}"
    assert trail[2]["name"] == NewsPage.objects.get(slug=TERRITOIRES.split("/")[2]).title


def test_news_with_an_image_is_shared_with_it(client, demo):
    article = NewsPage.objects.get(slug=SOUTIEN.split("/")[2])
    article.image = ImageFactory(
        description="Signature de la convention", file__width=1600, file__height=1000
    )
    article.save_revision().publish()
    page = soup(client.get(SOUTIEN))
    assert meta(page, "og:type") == "article"
    assert "/media/images/" in meta(page, "og:image")
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
    assert meta(page, "og:image:alt") == "Signature de la convention"


def test_editors_set_the_default_share_image(client, demo):
    assert meta(soup(client.get("/le-pole/")), "og:image").endswith("/static/img/partage.png")
    identity = SiteIdentitySettings.for_site(Site.objects.get(is_default_site=True))
    identity.share_image = ImageFactory()
    identity.save()
    assert "/media/images/" in meta(soup(client.get("/le-pole/")), "og:image")


def test_search_description_wins_over_the_intro(client, demo):
    page = StandardPage.objects.get(url_path__endswith="/mentions-legales/")
    page.search_description = "Éditeur, hébergeur et crédits du site."
    page.seo_title = "Mentions légales du site"
    page.save_revision().publish()
    html = soup(client.get("/mentions-legales/"))
    assert meta(html, "description") == "Éditeur, hébergeur et crédits du site."
    assert clean(html.title) == f"Mentions légales du site – {SITE_NAME}"


def test_hiding_a_page_from_search_engines(client, demo):
    page = StandardPage.objects.get(url_path__endswith="/donnees-personnelles/")
    page.hide_from_search_engines = True
    page.save_revision().publish()
    response = client.get("/donnees-personnelles/")
    assert response.status_code == 200  # still on the site
    assert meta(soup(response), "robots") == "noindex"
    assert f"{SITE}/donnees-personnelles/" not in sitemap_urls(client)


def test_filtered_and_paginated_listings(client, demo):
    filtered = soup(client.get("/actualites/?type=communique"))
    assert meta(filtered, "robots") == "noindex, follow"
    assert filtered.find("link", rel="canonical")["href"] == f"{SITE}/actualites/"
    second = soup(client.get("/actualites/?page=2"))
    assert meta(second, "robots") is None
    assert second.find("link", rel="canonical")["href"] == f"{SITE}/actualites/?page=2"
    first = soup(client.get("/actualites/?page=01"))
    assert first.find("link", rel="canonical")["href"] == f"{SITE}/actualites/"


def test_editors_find_the_switch_in_the_promote_tab(admin_client, demo):
    page = StandardPage.objects.get(url_path__endswith="/mentions-legales/")
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Masquer aux moteurs de recherche" in html
    assert "Référencement et partage" in html


def test_sharing_costs_no_query_per_visit_once_cached(client, demo):
    client.get("/le-pole/")
    _, first = count_queries(client, "/le-pole/")
    _, second = count_queries(client, "/le-pole/")
    assert first == second


# ---------------------------------------------------------------------------
# 404
# ---------------------------------------------------------------------------


def test_404_page_offers_search_and_the_main_sections(client, demo):
    cache.clear()
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    page = soup(response)
    assert clean(page.h1) == "Page introuvable"
    form = page.find("form", role="search")
    assert form["action"] == "/recherche/" and form.find("input", attrs={"name": "q"})
    sections = [a["href"] for a in page.select(".section-links a")]
    assert "/le-pole/" in sections and "/actualites/" in sections
    assert clean(page.title).startswith("Page introuvable")

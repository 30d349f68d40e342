"""/sitemap.xml beyond SITEMAP_MAX_URLS: an index of per-section sitemaps, paginated."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction, Site

import pytest

from news.demo import add_fake_news
from news.models import NewsPage
from pages.models import PresentationPage
from pole_site import page_cache
from search import views
from tests.budgets import count_queries
from tests.factories import StandardPageFactory
from tests.news.helpers import SOUTIEN, TERRITOIRES

SITE = settings.SITE_URL  # the public address every absolute URL starts with

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
LIMIT = 5


@pytest.fixture
def small_limit(monkeypatch):
    monkeypatch.setattr(views, "SITEMAP_MAX_URLS", LIMIT)


def get_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own output)


def locations(root, tag):
    return [element.findtext("sm:loc", namespaces=NS) for element in root.findall(tag, NS)]


def local(url):
    """The address to ask the test client for: path and query of an absolute URL."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def sitemaps_listed(client):
    index = get_xml(client, "/sitemap.xml")
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    assert not index.findall("sm:url", NS)
    return locations(index, "sm:sitemap")


def urls_by_sitemap(client):
    """{sitemap listed in the index: the <loc> of its URLs}."""
    found = {}
    for sitemap in sitemaps_listed(client):
        urlset = get_xml(client, local(sitemap))
        assert urlset.tag == f"{{{NS['sm']}}}urlset", sitemap
        found[sitemap] = locations(urlset, "sm:url")
        assert 0 < len(found[sitemap]) <= LIMIT, sitemap
    return found


def urls_of_every_sitemap(client):
    """Every <loc> of every sitemap the index lists, duplicates kept."""
    return [url for urls in urls_by_sitemap(client).values() for url in urls]


def section_pages(section, urls):
    """The addresses the index gives for a section of `urls` URLs, LIMIT per page."""
    pages = range(1, (urls + LIMIT - 1) // LIMIT + 1)
    return [f"{SITE}/sitemap-{section}.xml" + (f"?p={n}" if n > 1 else "") for n in pages]


def single_urlset(client):
    root = get_xml(client, "/sitemap.xml")
    assert root.tag == f"{{{NS['sm']}}}urlset"
    return locations(root, "sm:url")


def expected_urls():
    """What Wagtail's own sitemap lists: each live, public page's `get_sitemap_urls`."""
    root = Site.objects.get(is_default_site=True).root_page
    pages = root.get_descendants(inclusive=True).live().public().specific()
    return {url["location"] for page in pages for url in page.get_sitemap_urls()}


def test_a_small_site_keeps_a_single_urlset(client, demo):
    urls = single_urlset(client)
    assert len(urls) == len(set(urls)) == len(expected_urls())
    assert set(urls) == expected_urls()
    assert client.get("/sitemap.xml?p=2").status_code == 404


def test_beyond_the_limit_the_sitemap_is_an_index_of_sections(client, demo, monkeypatch):
    add_fake_news(2 * LIMIT + 1)
    whole = single_urlset(client)
    monkeypatch.setattr(views, "SITEMAP_MAX_URLS", LIMIT)
    news = NewsPage.objects.live().count()
    assert sitemaps_listed(client) == [
        *section_pages("pages", len(whole) - news),
        *section_pages("actualites", news),
    ]
    by_sitemap = urls_by_sitemap(client)
    urls = [url for found in by_sitemap.values() for url in found]
    assert len(urls) == len(set(urls))
    assert set(urls) == set(whole) == expected_urls()
    news_urls = {
        url for sitemap, found in by_sitemap.items() if "actualites" in sitemap for url in found
    }
    assert news_urls == {page.get_full_url() for page in NewsPage.objects.live()}


def test_private_and_hidden_pages_stay_out_of_every_section(client, demo, small_limit):
    add_fake_news(LIMIT)
    presentation = PresentationPage.objects.get()
    private = StandardPageFactory(parent=presentation, title="Réservé")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    hidden = StandardPageFactory(parent=presentation, title="Masqué", hide_from_search_engines=True)
    shown = StandardPageFactory(parent=presentation, title="Visible")
    hidden_news = NewsPage.objects.get(slug=SOUTIEN.split("/")[2])
    hidden_news.hide_from_search_engines = True
    hidden_news.save_revision().publish()
    private_news = NewsPage.objects.get(slug=TERRITOIRES.split("/")[2])
    PageViewRestriction.objects.create(page=private_news, restriction_type="login")
    urls = urls_of_every_sitemap(client)
    assert f"{SITE}{shown.url}" in urls
    for page in (private, hidden, hidden_news, private_news):
        assert f"{SITE}{page.url}" not in urls, page.title
    assert set(urls) == expected_urls()


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1e9", "1.5", ""])
@pytest.mark.parametrize("section", ["pages", "actualites"])
def test_pages_out_of_range_or_junk_are_not_found(client, demo, small_limit, section, page):
    add_fake_news(LIMIT + 1)
    assert client.get(f"/sitemap-{section}.xml?p=2").status_code == 200
    assert client.get(f"/sitemap-{section}.xml?p={page}").status_code == 404


@pytest.mark.parametrize(
    "url", ["/sitemap.xml?p=2", "/sitemap.xml?p=abc", "/sitemap-evenements.xml"]
)
def test_the_index_has_one_page_and_unknown_sections_are_not_found(client, demo, small_limit, url):
    assert client.get(url).status_code == 404


def test_news_are_read_without_their_content(client, demo, small_limit):
    client.get("/sitemap.xml")  # the sections counted
    with CaptureQueriesContext(connection) as queries:
        get_xml(client, "/sitemap-actualites.xml")
    (items,) = [query["sql"] for query in queries if 'FROM "news_newspage"' in query["sql"]]
    columns = items.split(" FROM ")[0].removeprefix("SELECT ").split(", ")
    assert {column.split(".")[1].strip('"') for column in columns} == {
        "page_ptr_id",
        *views.SITEMAP_FIELDS,
    }


def test_index_and_sections_cost_a_fixed_number_of_queries(client, demo, small_limit):
    urls = [
        "/sitemap-pages.xml",
        "/sitemap-pages.xml?p=2",
        "/sitemap-actualites.xml",
        "/sitemap-actualites.xml?p=2",
    ]
    add_fake_news(LIMIT + 1)
    for url in ["/sitemap.xml", *urls]:
        client.get(url)

    def costs():
        # The first request of a generation counts each section; the next ones read no page.
        first = count_queries(client, "/sitemap.xml")[1]
        index = count_queries(client, "/sitemap.xml")[1]
        return first, index, {url: count_queries(client, url)[1] for url in urls}

    page_cache.invalidate()
    few = costs()
    add_fake_news(3 * LIMIT)
    many = costs()
    assert few == many
    first, index, sections = few
    assert first <= 4
    assert index <= 1
    assert max(sections.values()) <= 2


def test_robots_txt_names_the_index(client, demo, small_limit):
    add_fake_news(LIMIT + 1)
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert sitemaps_listed(client)

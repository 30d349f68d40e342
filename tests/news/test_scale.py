"""Ten years of news: what is counted once per content generation is never out of date, and
the site map page lists a section's newest items rather than all of them."""

import datetime

from wagtail.models import PageViewRestriction

from news.demo import add_fake_news
from news.models import NewsPage
from tests.budgets import warm_count

from .helpers import INDEX_URL, clean, news_index, soup

SITE_MAP_URL = "/plan-du-site/"


def listing_summary(client, query=""):
    page = soup(client.get(INDEX_URL + query))
    archive = {clean(li.a): clean(li) for li in page.select(".archive-list li")}
    return clean(page.select_one(".results-summary")), archive


def publish_item(title, date):
    """Published as an editor does: a revision, then Wagtail's publish (and its signals)."""
    page = NewsPage(title=title, date=date, intro="Chapô.")
    news_index().add_child(instance=page)
    page.save_revision().publish()
    return page


def test_counts_follow_publishing_unpublishing_and_restrictions(client, demo):
    years = {"2021": "2021 (1)", "2020": "2020 (1)", "2019": "2019 (1)", "2018": "2018 (1)"}
    assert listing_summary(client) == ("4 résultats.", years)
    assert listing_summary(client, "?annee=2021")[0] == "1 résultat pour l'année 2021."

    item = publish_item("Signature à Évreux", datetime.date(2021, 6, 1))
    assert listing_summary(client)[0] == "5 résultats."
    assert listing_summary(client)[1]["2021"] == "2021 (2)"
    assert listing_summary(client, "?annee=2021")[0] == "2 résultats pour l'année 2021."

    PageViewRestriction.objects.create(page=item, restriction_type=PageViewRestriction.LOGIN)
    assert listing_summary(client)[0] == "4 résultats."
    assert listing_summary(client, "?annee=2021")[0] == "1 résultat pour l'année 2021."
    PageViewRestriction.objects.filter(page=item).delete()
    assert listing_summary(client)[0] == "5 résultats."

    item.unpublish()
    assert listing_summary(client) == ("4 résultats.", years)


def test_fake_items_added_in_bulk_are_counted_at_once(client, demo):
    assert listing_summary(client)[0] == "4 résultats."
    add_fake_news(30)
    assert listing_summary(client)[0] == "34 résultats — page 1 sur 3."


def test_bulk_fake_items_are_real_pages(client, demo):
    add_fake_news(3)
    add_fake_news(2)  # numbered after the first batch, in the same section
    assert NewsPage.find_problems() == ([], [], [], [], [])
    fakes = NewsPage.objects.filter(slug__startswith="demo-charge-").order_by("path")
    assert [item.slug for item in fakes] == [f"demo-charge-{n}" for n in range(1, 6)]
    assert news_index().get_children().count() == 4 + 5
    response = client.get("/actualites/demo-charge-5/")
    assert response.status_code == 200
    assert "Actualité fictive n° 5" in response.content.decode()
    results = soup(client.get("/recherche/?q=fictive"))
    assert len(results.select(".search-result")) == 5


def site_map_news(client):
    page = soup(client.get(SITE_MAP_URL))
    section = next(link for link in page.select(".sitemap a") if clean(link) == "Actualités")
    items = section.find_parent("li").find("ul")
    return page, [(clean(link), link["href"]) for link in items.select("a")]


def test_site_map_lists_the_newest_items_and_the_whole_section(client, demo):
    _, demo_links = site_map_news(client)
    assert len(demo_links) == 4  # every item, no "whole section" link needed
    assert all(href.startswith("/actualites/") for _, href in demo_links)
    size = len(client.get(SITE_MAP_URL).content)

    add_fake_news(40)
    page, links = site_map_news(client)
    newest = [
        (item.title, item.url)
        for item in NewsPage.objects.live().order_by("-date", "-page_ptr_id")[:5]
    ]
    assert links == [*newest, ("Toute la rubrique « Actualités » (44 pages)", "/actualites/")]
    assert "Partenaires" in clean(page.select_one(".sitemap"))
    # A few links more than with the demo, not one per item.
    assert len(client.get(SITE_MAP_URL).content) < size + 2000


def test_site_map_query_count_does_not_grow(client, demo):
    with_demo = warm_count(client, SITE_MAP_URL)
    add_fake_news(50)
    with_more = warm_count(client, SITE_MAP_URL)
    assert with_more == with_demo

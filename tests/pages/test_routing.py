"""Serving a page reads the pages along its address at once (pages/routing.py), with the same
answers as Wagtail's own routing: privacy, drafts, unknown addresses, routable sub-pages."""

from django.contrib.auth import get_user_model

from wagtail.models import Page, PageViewRestriction

import pytest

from news.models import NewsIndexPage
from partners.models import PartnerIndexPage
from tests.budgets import QUERY_BUDGET, warm_count

ARTICLE = "/actualites/accords-cadres-signes-entre-la-region-et-les-poles-regionaux/"


def test_a_restricted_section_asks_visitors_to_log_in_for_every_page_below(client, demo):
    PageViewRestriction.objects.create(
        page=NewsIndexPage.objects.get(), restriction_type=PageViewRestriction.LOGIN
    )
    for url in ["/actualites/", ARTICLE, "/actualites/rss/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "login" in response["Location"]
    assert client.get("/partenaires/").status_code == 200
    user = get_user_model().objects.create_user("elu", password="pw")  # noqa: S106
    client.force_login(user)
    assert client.get(ARTICLE).status_code == 200


def test_an_alias_follows_the_restrictions_of_its_source(client, demo):
    source = PartnerIndexPage.objects.get()
    PageViewRestriction.objects.create(page=source, restriction_type=PageViewRestriction.LOGIN)
    alias = source.create_alias(parent=demo, update_slug="partenaires-bis")
    assert alias.live
    assert client.get("/partenaires-bis/").status_code == 302


def test_a_password_restriction_shows_its_form(client, demo):
    PageViewRestriction.objects.create(
        page=NewsIndexPage.objects.get(),
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",  # noqa: S106
    )
    response = client.get(ARTICLE)
    assert response.status_code == 200
    assert b'name="password"' in response.content


def test_an_unpublished_page_is_404_and_its_children_are_not(client, demo):
    index = Page.objects.get(url_path__endswith="/actualites/")
    index.unpublish()
    assert client.get("/actualites/").status_code == 404
    # As with Wagtail's routing, only the page asked for must be live.
    assert client.get(ARTICLE).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/inconnue/",
        "/actualites/inconnue/",
        "/le-pole/actualites/",  # a slug that exists, at another level
        "/partenaires/nextmove/plus-loin/",
        "/" + "a/" * 40,
    ],
)
def test_unknown_addresses_are_404_in_a_few_queries(client, demo, url):
    assert warm_count(client, url, status=404) <= QUERY_BUDGET


def test_routable_sub_pages_still_answer(client, demo):
    assert client.get("/actualites/rss/").status_code == 200
    assert client.get("/espace-presse/atom/").status_code == 200

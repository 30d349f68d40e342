"""The news pages cost a fixed, small number of queries, however many news items there are."""

from wagtail.images import get_image_model

import pytest

from news.demo import add_fake_news
from news.models import NewsPage
from tests.budgets import assert_within_budget, warm_count

from .helpers import ACCORDS, INDEX_URL, PRESS_URL

# Routing and the privacy check cost 4 queries of the budget whatever the depth (site, home
# page, the pages along the address, ancestors with their restrictions: see pages/routing.py).
PAGES = [INDEX_URL, ACCORDS, PRESS_URL]


def grow_to(total):
    """Fake items up to `total`, every one with a photo as editors are asked to add."""
    add_fake_news(total - NewsPage.objects.count())
    NewsPage.objects.update(image=get_image_model().objects.first())
    assert NewsPage.objects.count() == total


def test_query_count_does_not_grow_with_the_number_of_news(client, demo):
    grow_to(12)
    with_12 = {url: warm_count(client, url) for url in PAGES}
    grow_to(200)
    with_200 = {url: warm_count(client, url) for url in PAGES}
    assert with_200 == with_12


def test_cards_cost_no_query_each(client, demo):
    """The demo's four items (one press release, two related items) against twelve cards a page
    (three press releases, three related items): listing more cards costs nothing more."""
    NewsPage.objects.update(image=get_image_model().objects.first())
    with_demo = {url: warm_count(client, url) for url in PAGES}
    grow_to(12)
    with_12 = {url: warm_count(client, url) for url in PAGES}
    assert with_12 == with_demo


@pytest.mark.parametrize("url", PAGES)
def test_news_pages_stay_within_the_budget(client, demo, url):
    grow_to(12)
    assert_within_budget({url: warm_count(client, url)})

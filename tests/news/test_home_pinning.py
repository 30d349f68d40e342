"""The home page's « actualité épinglée » chooser offers news items: the news app names its
page type through the hook the home page defines."""

import pytest
from bs4 import BeautifulSoup

from news.models import NewsPage
from pages.models import HomePage

pytestmark = pytest.mark.django_db


def test_the_pinned_news_chooser_offers_news_items_only():
    form_class = HomePage.get_edit_handler().get_form_class()
    assert form_class.base_fields["featured_news"].widget.target_models == [NewsPage]


def test_the_home_page_edit_form_shows_the_chooser(admin_client, demo):
    response = admin_client.get(f"/admin/pages/{demo.pk}/edit/")
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser")
    assert form.find(attrs={"name": "featured_news"}) is not None

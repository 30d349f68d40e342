"""The site's name comes from one setting, WAGTAIL_SITE_NAME: titles, footer, share cards and
the error pages that render without the database."""

from django.test import RequestFactory

from bs4 import BeautifulSoup

from pole_site import error_pages


def test_pages_name_the_site_from_the_setting(client, demo, settings):
    settings.WAGTAIL_SITE_NAME = "Pôle de test"
    page = BeautifulSoup(client.get("/le-pole/").content, "html.parser")
    assert page.title.get_text().endswith(" – Pôle de test")
    assert page.find("meta", property="og:site_name")["content"] == "Pôle de test"
    assert page.select_one(".site-footer__name").get_text() == "Pôle de test"


def test_error_pages_name_the_site_without_the_database(monkeypatch):
    monkeypatch.setitem(error_pages.ERROR_PAGE_CONTEXT, "site_name", "Pôle de test")
    request = RequestFactory().get("/")
    for response in (
        error_pages.server_error(request),
        error_pages.bad_request(request),
        error_pages.database_unavailable_response(),
    ):
        title = BeautifulSoup(response.content, "html.parser").title.get_text()
        assert title.endswith(" – Pôle de test"), title

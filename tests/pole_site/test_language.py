"""The site speaks French to every browser, and one copy of a page serves them all."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def test_an_english_browser_gets_the_french_page_and_no_vary_on_language(client, demo):
    response = client.get("/le-pole/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.status_code == 200
    assert "accept-language" not in response.get("Vary", "").lower()
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "fr"


def test_the_admin_stays_french_for_an_english_browser(client):
    """Django's and Wagtail's own strings follow LANGUAGE_CODE, not the browser."""
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"].startswith("fr")
    assert "Sign in" not in page.get_text(" ")

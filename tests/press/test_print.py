"""What a printed page needs from the HTML: each document link carries its full address,
which the print stylesheet writes after it (tests/browser/test_press.py prints the pages)."""

from django.conf import settings

from tests.news.helpers import ACCORDS, soup


def test_document_links_carry_their_address_on_the_public_site(client, demo):
    links = soup(client.get(ACCORDS)).select("a.document-link")
    assert len(links) == 3
    for link in links:
        assert link["href"].startswith("/documents/")
        assert link["data-print-url"] == settings.SITE_URL.rstrip("/") + link["href"]

"""Each document says whether it is accessible (RGAA 13.3): editors set it in the admin, and
every public link to a document that is not says so, with a way to get one that is."""

from django.core.files.base import ContentFile
from django.template.loader import render_to_string

from wagtail.documents import get_document_model

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    model = get_document_model()
    document = model(title="Rapport 2019")
    document.file.save("rapport-2019.pdf", ContentFile(b"%PDF-1.4\n" + b"x" * 2048), save=False)
    document.save()
    return document


def link(document):
    html = render_to_string("components/document_link.html", {"document": document})
    return BeautifulSoup(html, "html.parser")


def test_an_accessible_document_needs_no_notice(document):
    document.accessibility = "oui"
    assert link(document).select_one(".document-link__accessibility") is None


def test_an_unchecked_document_says_so_and_offers_the_contact_form(document, demo):
    notice = link(document).select_one(".document-link__accessibility")
    assert notice.get_text(" ", strip=True).startswith("Accessibilité non vérifiée")
    request = notice.find("a")
    assert request["href"] == "/contact/"
    assert "demander une version accessible" in request.get_text()
    assert "Rapport 2019" in request.get_text()  # the link says which document


def test_an_inaccessible_document_links_its_accessible_version(document):
    document.accessibility = "non"
    document.accessible_alternative = "https://www.pole-test.example/le-pole/"
    notice = link(document).select_one(".document-link__accessibility")
    assert notice.get_text(" ", strip=True).startswith("Document non accessible")
    assert notice.find("a")["href"] == "https://www.pole-test.example/le-pole/"


def test_editors_set_it_in_the_document_form(admin_client, document):
    response = admin_client.get(f"/admin/documents/edit/{document.pk}/")
    form = BeautifulSoup(response.content, "html.parser")
    choices = [option["value"] for option in form.select("select[name=accessibility] option")]
    assert choices == ["oui", "non", "inconnu"]
    assert form.find("input", attrs={"name": "accessible_alternative"}) is not None
    response = admin_client.post(
        f"/admin/documents/edit/{document.pk}/",
        {
            "title": "Rapport 2019",
            "collection": document.collection_id,
            "accessibility": "non",
            "accessible_alternative": "https://www.pole-test.example/le-pole/",
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.accessibility == "non"


def test_the_demo_documents_are_marked_accessible(client, demo):
    page = BeautifulSoup(client.get("/espace-presse/").content, "html.parser")
    assert page.select(".document-link")
    assert not page.select(".document-link__accessibility")

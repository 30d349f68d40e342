"""Dates and documents the French way on a news item, from files uploaded in the admin.

File sizes alone ("1,2 Mo") and the document list block are covered by tests/pages/test_blocks.py.
"""

import datetime
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model

import pytest

from news.models import NewsDocument
from pages.templatetags.pole_tags import date_fr, document_format

from .helpers import add_news, clean, soup


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (datetime.date(2020, 10, 1), "1er octobre 2020"),
        (datetime.date(2021, 5, 12), "12 mai 2021"),
        (datetime.date(2018, 8, 28), "28 août 2018"),
        (datetime.date(2019, 2, 14), "14 février 2019"),
        (datetime.date(2024, 12, 31), "31 décembre 2024"),
        (datetime.date(2025, 1, 1), "1er janvier 2025"),
        (None, ""),
    ],
)
def test_dates_are_written_the_french_way(date, expected):
    assert date_fr(date) == expected


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("rapport.pdf", "PDF"),
        ("RAPPORT-ANNUEL.PDF", "PDF"),
        ("deliberation.odt", "ODT"),
        ("budget.xlsx", "XLSX"),
        ("donnees.csv", "CSV"),
        ("archive.tar.gz", "GZ"),
        ("sans-extension", "Fichier"),
    ],
)
def test_document_format_is_the_extension_readers_know(filename, expected):
    document = SimpleNamespace(file=SimpleNamespace(name=f"documents/{filename}"))
    assert document_format(document) == expected


def upload(client, filename, size):
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": filename,
            "file": SimpleUploadedFile(filename, b"x" * size),
            "accessibility": "oui",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return get_document_model().objects.get(title=filename)


UPLOADS = [
    ("feuille-de-route.pdf", 1_258_291, "(PDF – 1,2 Mo)"),
    ("deliberation.odt", 12_400, "(ODT – 12 ko)"),
    ("budget.xlsx", 2_048, "(XLSX – 2 ko)"),
    ("contacts.csv", 850, "(CSV – 850 octets)"),
]


def test_news_item_lists_uploaded_documents_with_format_size_and_total(admin_client, demo):
    documents = [upload(admin_client, name, size) for name, size, _ in UPLOADS]
    page = add_news("Conseil du 12 mai", datetime.date(2021, 5, 12))
    for position, document in enumerate(documents):
        NewsDocument.objects.create(page=page, document=document, sort_order=position)
    admin_client.logout()
    html = soup(admin_client.get(page.url))
    links = html.select("section.documents a.document-link")
    assert [clean(link.select_one(".document-link__title")) for link in links] == [
        name for name, _, _ in UPLOADS
    ]
    assert [clean(link.select_one(".document-link__meta")) for link in links] == [
        meta for _, _, meta in UPLOADS
    ]
    totals = {clean(row.dt): clean(row.dd) for row in html.select(".documents__totals div")}
    # 1 258 291 + 12 400 + 2 048 + 850 bytes = 1 273 589 bytes, 1,21 Mio.
    assert totals == {"Nombre de fichiers": "4", "Taille totale": "1,2 Mo"}


def test_a_single_document_needs_no_total(admin_client, demo):
    document = upload(admin_client, "communique.pdf", 250_000)
    page = add_news("Communiqué", datetime.date(2021, 5, 12))
    NewsDocument.objects.create(page=page, document=document)
    html = soup(admin_client.get(page.url))
    assert clean(html.select_one("a.document-link .document-link__meta")) == "(PDF – 244 ko)"
    assert not html.select(".documents__totals")


def test_a_document_whose_file_is_missing_still_shows_its_format(admin_client, demo):
    document = upload(admin_client, "perdu.pdf", 4_000)
    document.file.storage.delete(document.file.name)  # lost in a storage migration, say
    document.file_size = None
    document.save()
    page = add_news("Document perdu", datetime.date(2021, 5, 12))
    NewsDocument.objects.create(page=page, document=document)
    response = admin_client.get(page.url)
    assert response.status_code == 200
    assert clean(soup(response).select_one("a.document-link .document-link__meta")) == "(PDF)"

"""Press kits and « Tout télécharger »: the kit page, and the zip of a kit's or a release's
files, read back with zipfile as a journalist's computer opens it."""

import datetime
import zipfile

from django.conf import settings
from django.core.signals import request_finished
from django.db import close_old_connections
from django.utils.http import http_date

from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

import pytest

from news.models import NewsDocument, NewsType, PressKitDocument, PressKitPage
from pages.templatetags.pole_tags import filesize_fr
from tests.factories import PressKitPageFactory
from tests.news.helpers import (
    ACCORDS,
    SOUTIEN,
    add_news,
    clean,
    fixture_size,
    get_content_page,
    soup,
)

from .helpers import ACCORDS_FILES, KIT_URL, PRESS_URL, add_kit, pdf, photo, press_room, read_zip

ACCORDS_NAMES = [
    "accord-cadre-region-hauts-de-france-metropole-europeenne-de-lille-document-de-demonstration.pdf",
    "accord-cadre-region-hauts-de-france-amiens-metropole-document-de-demonstration.pdf",
    "accord-cadre-region-hauts-de-france-communaute-urbaine-de-dunkerque-document-de-demonstration.pdf",
]


def zip_link(response):
    return soup(response).select_one("a.download-all__link")


def fixture_bytes(filename):
    return (settings.BASE_DIR / "fixtures" / "media" / "documents" / filename).read_bytes()


# --- The kit page ---------------------------------------------------------------------------


def test_the_press_room_lists_its_kits_newest_first(client, demo):
    add_kit(title="Dossier plus récent", date=datetime.date(2024, 3, 1))
    PressKitPageFactory(parent=press_room(), title="Brouillon", live=False)
    section = soup(client.get(PRESS_URL)).find(id="titre-dossiers").find_parent("section")
    assert [clean(link) for link in section.select("li a")] == [
        "Dossier plus récent",
        "Accords-cadres signés entre la Région et les pôles régionaux",
    ]
    assert section.find("a", href=KIT_URL)
    assert "1er octobre 2020" in clean(section)


def test_the_demo_kit_shows_seed_004_and_its_three_agreements(client, demo):
    response = get_content_page(client, KIT_URL)
    page = soup(response)
    assert clean(page.h1) == "Accords-cadres signés entre la Région et les pôles régionaux"
    assert clean(page.select_one(".news-article__meta")) == "Dossier de presse · 1er octobre 2020"
    assert clean(page.select_one(".lead")).startswith("Les trois premiers accords-cadres")
    documents = page.find(id="titre-documents").find_parent("section")
    assert [clean(title) for title in documents.select(".document-link__title")] == [
        "Accord-cadre Région Hauts-de-France – Métropole européenne de Lille "
        "(document de démonstration)",
        "Accord-cadre Région Hauts-de-France – Amiens Métropole (document de démonstration)",
        "Accord-cadre Région Hauts-de-France – Communauté urbaine de Dunkerque "
        "(document de démonstration)",
    ]
    related = page.find(id="titre-communiques-lies").find_parent("section")
    assert related.find("a", href=ACCORDS)
    # The seed has no photo: no section for them.
    assert not page.find(id="titre-photos")


def test_the_page_announces_the_zips_exact_size(client, demo):
    response = client.get(KIT_URL)
    link = zip_link(response)
    archive, body = read_zip(client.get(link["href"]))
    assert link["href"] == KIT_URL + "zip/"
    assert response.context["bundle"].size == len(body)
    assert clean(link) == (
        f"Tout télécharger : 3 fichiers en une archive (ZIP, {filesize_fr(len(body))})"
    )


def test_kit_photos_come_in_high_and_web_resolution_with_their_credit(client, demo):
    image = photo(
        "Signature à Lille",
        description="Trois élus signent l'accord-cadre.",
        credit="Région Hauts-de-France",
        licence="CC BY 4.0",
    )
    kit = add_kit(images=[image], documents=[pdf("Accord")])
    page = soup(get_content_page(client, kit.url))
    item = page.find(id="titre-photos").find_parent("section").select_one(".press-photo")
    assert item.find("img")["alt"] == "Trois élus signent l'accord-cadre."
    assert clean(item.figcaption) == "Signature à Lille © Région Hauts-de-France"
    high, web = item.select(".press-photo__downloads li")
    assert high.a["href"] == image.file.url
    size = filesize_fr(image.file.size)
    assert clean(high) == f"Haute définition : Signature à Lille (JPG – {size} – 640 × 480 px)"
    assert web.a["href"].startswith("/media/images/")
    assert clean(web).startswith("Web : Signature à Lille (JPEG – ")
    assert clean(web).endswith(" – 640 × 480 px)")

    archive, _ = read_zip(client.get(kit.url + "zip/"))
    assert archive.read("signature-a-lille.jpg") == image.file.open("rb").read()
    readme = archive.read("LISEZMOI.txt").decode()
    assert "signature-a-lille.jpg\r\n   Signature à Lille\r\n" in readme
    assert "Crédit : Région Hauts-de-France\r\n   Licence : CC BY 4.0\r\n" in readme


# --- The zip --------------------------------------------------------------------------------


def test_the_kits_zip_holds_exactly_its_files_stored_as_they_are(client, demo):
    response = client.get(KIT_URL + "zip/")
    archive, body = read_zip(response)
    assert response["Content-Disposition"] == (
        'attachment; filename="accords-cadres-signes-entre-la-region-et-les-poles-regionaux.zip"'
    )
    assert int(response["Content-Length"]) == len(body)
    assert archive.testzip() is None
    assert archive.namelist() == [*ACCORDS_NAMES, "LISEZMOI.txt"]
    kit = PressKitPage.objects.get()
    documents = [row.document for row in PressKitDocument.objects.filter(page=kit)]
    for name, filename, document in zip(ACCORDS_NAMES, ACCORDS_FILES, documents, strict=True):
        entry = archive.getinfo(name)
        assert entry.compress_type == zipfile.ZIP_STORED
        assert entry.file_size == document.file_size == fixture_size(filename)
        assert archive.read(name) == fixture_bytes(filename)


def test_the_readme_says_what_each_file_is(client, demo):
    archive, _ = read_zip(client.get(KIT_URL + "zip/"))
    readme = archive.read("LISEZMOI.txt").decode()
    lines = readme.split("\r\n")
    assert lines[:3] == [
        "Accords-cadres signés entre la Région et les pôles régionaux",
        f"Dossier de presse – {settings.WAGTAIL_SITE_NAME} – 1er octobre 2020",
        settings.SITE_URL.rstrip("/") + KIT_URL,
    ]
    for number, (name, filename) in enumerate(
        zip(ACCORDS_NAMES, ACCORDS_FILES, strict=True), start=1
    ):
        assert f"{number}. {name}" in lines
        assert f"   PDF – {filesize_fr(fixture_size(filename))}" in lines
    assert (
        "   Accord-cadre Région Hauts-de-France – Amiens Métropole (document de démonstration)"
        in lines
    )
    # Documents carry no credit.
    assert "Crédit" not in readme


def test_entry_names_are_clean_and_never_twice_the_same(client, demo):
    long_title = "Rapport " + "très " * 40 + "long"
    kit = add_kit(
        documents=[
            pdf("Rapport 2024", filename="rapport.PDF"),
            pdf("Rapport 2024", filename="rapport-bis.pdf"),
            pdf("Lisezmoi", filename="notes.txt"),
            pdf("« *** »", filename="sans-titre.pdf"),
            pdf("Été / hiver : l'année 2024", filename="saisons.odt"),
            pdf(long_title, filename="long.pdf"),
        ]
    )
    archive, _ = read_zip(client.get(kit.url + "zip/"))
    names = archive.namelist()
    assert names[:5] == [
        "rapport-2024.pdf",
        "rapport-2024-2.pdf",
        # Not to be taken for the archive's own LISEZMOI.txt, whatever the case.
        "lisezmoi-2.txt",
        "fichier.pdf",
        "ete-hiver-lannee-2024.odt",
    ]
    # Cut at a word, short of 100 characters.
    assert names[5] == "rapport" + "-tres" * 18 + ".pdf"
    assert names[6] == "LISEZMOI.txt"


def test_a_kit_with_fewer_than_two_files_offers_no_zip(client, demo):
    empty = add_kit(title="Dossier vide")
    single = add_kit(title="Dossier d'un fichier", documents=[pdf("Seul document")])
    for kit in (empty, single):
        assert zip_link(get_content_page(client, kit.url)) is None
        assert client.get(kit.url + "zip/").status_code == 404


def test_a_release_with_several_documents_offers_them_in_one_zip(client, demo):
    response = client.get(ACCORDS)
    documents = soup(response).find(id="titre-documents").find_parent("section")
    link = documents.select_one("a.download-all__link")
    zipped = client.get(link["href"])
    archive, body = read_zip(zipped)
    assert link["href"] == ACCORDS + "zip/"
    assert archive.namelist() == [*ACCORDS_NAMES, "LISEZMOI.txt"]
    assert int(zipped["Content-Length"]) == len(body) == response.context["bundle"].size
    assert f"(ZIP, {filesize_fr(len(body))})" in clean(link)
    readme = archive.read("LISEZMOI.txt").decode().split("\r\n")
    assert readme[1] == f"Actualité – {settings.WAGTAIL_SITE_NAME} – 1er octobre 2020"


def test_a_release_with_one_document_or_none_offers_no_zip(client, demo):
    release = add_news("Communiqué", datetime.date(2024, 5, 2), news_type=NewsType.PRESS_RELEASE)
    NewsDocument.objects.create(page=release, document=pdf("Le communiqué"), sort_order=0)
    for url in (release.url, SOUTIEN):
        assert zip_link(client.get(url)) is None
        assert client.get(url + "zip/").status_code == 404


# --- Caching --------------------------------------------------------------------------------


def test_the_zip_is_cached_as_the_pages_and_revalidated(client, demo):
    first = client.get(KIT_URL + "zip/")
    etag = first["ETag"]
    assert etag.startswith('W/"')
    assert client.get(KIT_URL + "zip/")["ETag"] == etag
    cache_control = {part.strip() for part in first["Cache-Control"].split(",")}
    assert "public" in cache_control
    assert any(part.startswith("max-age=") for part in cache_control)
    assert any(part.startswith("s-maxage=") for part in cache_control)
    # A browser that has it is told so, without the file.
    again = client.get(KIT_URL + "zip/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert not again.streaming and again.content == b""
    since = client.get(KIT_URL + "zip/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_the_etag_changes_with_the_files(client, demo):
    etag = client.get(KIT_URL + "zip/")["ETag"]
    kit = PressKitPage.objects.get()
    kit.documents.add(PressKitDocument(document=pdf("Annexe"), sort_order=9))
    kit.save_revision().publish()
    added = client.get(KIT_URL + "zip/")
    assert added["ETag"] != etag
    assert client.get(KIT_URL + "zip/", HTTP_IF_NONE_MATCH=etag).status_code == 200
    # A file replaced under the same title: its hash changes, so does the ETag.
    document = kit.documents.first().document
    type(document).objects.filter(pk=document.pk).update(file_hash="0" * 40)
    assert client.get(KIT_URL + "zip/")["ETag"] != added["ETag"]


def test_last_modified_is_the_newest_of_the_page_and_its_files(client, demo):
    kit = PressKitPage.objects.get()
    newest = max(row.document.created_at for row in kit.documents.select_related("document"))
    assert newest > kit.last_published_at
    response = client.get(KIT_URL + "zip/")
    assert response["Last-Modified"] == http_date(newest.timestamp())


def test_the_zip_of_a_private_kit_is_not_shared(client, demo):
    kit = PressKitPage.objects.get()
    PageViewRestriction.objects.create(page=kit, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(KIT_URL + "zip/")
    assert response.status_code == 302
    assert response["Content-Type"] != "application/zip"


def test_a_kit_taken_offline_has_no_zip(client, demo):
    PressKitPage.objects.get().unpublish()
    assert client.get(KIT_URL + "zip/").status_code == 404


# --- Whatever comes in, never a 500 ---------------------------------------------------------


@pytest.mark.parametrize("path", ["zip/extra/", "zip/..%2F/", "zipp/", "zip%00/", "zip/?page=x"])
def test_odd_addresses_are_not_found_or_the_zip(client, demo, path):
    response = client.get(KIT_URL + path)
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert read_zip(response)[0].testzip() is None


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_IF_NONE_MATCH": "n'importe quoi"},
        {"HTTP_IF_MODIFIED_SINCE": "hier"},
        {"HTTP_IF_MODIFIED_SINCE": "Sat, 01 Jan 2000 00:00:00 GMT"},
        {"HTTP_RANGE": "bytes=0-10"},
    ],
    ids=["etag", "date", "old-date", "range"],
)
def test_odd_headers_get_the_whole_zip(client, demo, headers):
    response = client.get(KIT_URL + "zip/", **headers)
    archive, body = read_zip(response)
    assert int(response["Content-Length"]) == len(body)


def test_head_announces_the_zip_without_sending_it(client, demo):
    size = int(client.get(KIT_URL + "zip/")["Content-Length"])
    # HeadWithoutBodyMiddleware closes the stream inside the request, which signals the
    # request's end: the test client keeps the test's database connection open around such
    # a close of its own, not around this one.
    request_finished.disconnect(close_old_connections)
    try:
        response = client.head(KIT_URL + "zip/")
    finally:
        request_finished.connect(close_old_connections)
    assert response.status_code == 200
    assert int(response["Content-Length"]) == size
    assert b"".join(response.streaming_content) == b""


def test_other_methods_are_refused(client, demo):
    assert client.post(KIT_URL + "zip/").status_code == 405


def test_a_document_under_a_view_restriction_stays_out_of_the_zip(client, demo):
    restricted = Collection.get_first_root_node().add_child(name="Sous embargo")
    kit = PressKitPage.objects.get()
    document = kit.documents.first().document
    # In a collection below the one to be restricted: the restriction covers it too.
    document.collection = restricted.add_child(name="Annexes")
    document.save()
    assert len(read_zip(client.get(KIT_URL + "zip/"))[0].namelist()) == 4
    CollectionViewRestriction.objects.create(
        collection=restricted, restriction_type=CollectionViewRestriction.LOGIN
    )
    archive, _ = read_zip(client.get(KIT_URL + "zip/"))
    assert archive.namelist() == [*ACCORDS_NAMES[1:], "LISEZMOI.txt"]
    # Its link stays on the page, where Wagtail asks who is downloading it.
    assert soup(client.get(KIT_URL)).find("a", href=document.url)
    assert client.get(document.url).status_code == 302


def test_a_file_missing_from_the_storage_is_left_out(client, demo, caplog):
    kit = PressKitPage.objects.get()
    missing = kit.documents.first().document
    missing.file.storage.delete(missing.file.name)
    assert get_content_page(client, KIT_URL)
    archive, body = read_zip(client.get(KIT_URL + "zip/"))
    assert archive.namelist() == [*ACCORDS_NAMES[1:], "LISEZMOI.txt"]
    assert "introuvable" in caplog.text
    # With one file left, there is no zip to offer.
    kit.documents.all()[1].document.file.storage.delete(kit.documents.all()[1].document.file.name)
    assert zip_link(client.get(KIT_URL)) is None
    assert client.get(KIT_URL + "zip/").status_code == 404

"""The four demo articles as a reader and a journalist see them: facts, documents, sharing,
related news, author and press contact."""

import datetime
from urllib.parse import quote

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from news.models import NewsType
from tests.factories import PressContactFactory, ThemeFactory

from .helpers import (
    ACCORDS,
    POCE,
    PRESS_URL,
    SEED_ARTICLES,
    SOUTIEN,
    TERRITOIRES,
    add_draft,
    add_news,
    add_private,
    card_titles,
    clean,
    fixture_size,
    get_content_page,
    meta,
    page_at,
    soup,
    text,
)

SEED_FACTS = {
    SOUTIEN: (
        "2021-05-12",
        "12 mai 2021",
        "Communiqué de presse",
        [
            "160 000 €",
            "(LSN, NextMove, Polepharma, Cosmetic Valley, Pôle TES)",
            "5 de ses collaborateurs à son bureau de Louviers",
            "« Consumer Safety & Cosmetics » au Vaudreuil le 10 juin 2021",
            "Nicolas Mayer-Rossignol et Bernard Leroy",
            "Président et Premier Vice-Président du Pôle Métropolitain",
            "À propos du Pôle Métropolitain Rouen Seine Eure",
        ],
    ),
    POCE: (
        "2018-08-28",
        "28 août 2018",
        "Actualité",
        [
            "Pacte Offensive Croissance Emploi (POCE)",
            "Illkirch-Graffenstaden",
            "Jean Rottner",
            "Qu'est-ce que le POCE ?",
            "Technoparc de 30 000 m3",
            "Réseau Express Métropolitain",
        ],
    ),
    TERRITOIRES: (
        "2019-02-14",
        "14 février 2019",
        "Actualité",
        [
            "1,36 milliard d'euros",
            "124 « Territoires d'industrie »",
            "17 mesures",
            "vendredi 1er février 2019",
            "Vallée de la Seine, Nord Cotentin, Sud Manche, Collines de Normandie, Caen Industrie, "
            "Côte d'Albâtre, Lisieux Industrie, Pays de L'Aigle, Vallée de la Bresle, "
            "Vallée de l'Huisne",
        ],
    ),
    ACCORDS: (
        "2020-10-01",
        "1er octobre 2020",
        "Actualité",
        [
            "Métropole européenne de Lille, Amiens Métropole et la Communauté urbaine de Dunkerque",
            "Région Hauts-de-France",
            "SRADDET",
        ],
    ),
}
# What the scraped pages carried around the articles, and must not be republished.
PAGE_CHROME = [
    "samedi 25 mars 2023",
    "Partager cet article",
    "About ",
    "emmanuel georges picot",
    "consulter l'article",
    "En savoir plus sur",
    "4.53 MB",
]


@pytest.mark.parametrize("url", SEED_ARTICLES)
def test_seed_article_renders_with_one_h1_its_date_and_its_facts(client, demo, url):
    iso_date, french_date, news_type, facts = SEED_FACTS[url]
    response = get_content_page(client, url)
    html = text(response)
    page = soup(response)
    assert clean(page.h1) == page_at(url).title
    assert f'<time datetime="{iso_date}">{french_date}</time>' in html
    assert clean(page.select_one(".news-article__meta")) == f"{news_type} · {french_date}"
    for fact in facts:
        assert fact in html, fact
    for chrome in PAGE_CHROME:
        assert chrome not in html, chrome


def test_scanned_press_release_has_its_ocr_errors_corrected(client, demo):
    html = text(client.get(SOUTIEN))
    for mistake in [
        "Pdle",
        "pdles",
        "P6le",
        "péles",
        "plagons",
        "dautant",
        "3 mesure",
        "auprés",
        "accés",
        "Congrés",
        "Dés 2012",
        "A propos",
        "/@",
        "I'",
        "I’",
    ]:
        assert mistake not in html, mistake
    for correction in [
        "aux pôles de compétitivité",
        "dont 3 pôles de compétitivité",
        "nous nous plaçons à leur écoute",
        "rend d'autant plus indispensable",
        "au fur et à mesure de leur réalisation",
        "au plus près des besoins",
        "l'accès à l'emploi",
        "Dès 2012",
        "qui associe la Métropole Rouen Normandie et l'Agglomération Seine Eure",
    ]:
        assert correction in html, correction


def test_document_page_gives_count_total_size_format_and_dates(client, demo):
    page = soup(client.get(ACCORDS))
    documents = page.select_one("section.documents")
    totals = {clean(row.dt): clean(row.dd) for row in documents.select(".documents__totals div")}
    sizes = [
        fixture_size(name)
        for name in [
            "accord-cadre-mel.pdf",
            "accord-cadre-amiens.pdf",
            "accord-cadre-dunkerque.pdf",
        ]
    ]
    assert totals == {
        "Nombre de fichiers": "3",
        "Taille totale": f"{round(sum(sizes) / 1024)} ko",
    }
    links = documents.select("a.document-link")
    assert [clean(link.select_one(".document-link__meta")) for link in links] == [
        f"(PDF – {round(size / 1024)} ko)" for size in sizes
    ]
    assert [clean(link.select_one(".document-link__title")) for link in links] == [
        "Accord-cadre Région Hauts-de-France – Métropole européenne de Lille "
        "(document de démonstration)",
        "Accord-cadre Région Hauts-de-France – Amiens Métropole (document de démonstration)",
        "Accord-cadre Région Hauts-de-France – Communauté urbaine de Dunkerque "
        "(document de démonstration)",
    ]
    dates = {clean(row.dt): clean(row.dd) for row in page.select(".news-article__dates div")}
    assert dates == {
        "Date de création": "1er octobre 2020",
        "Dernière mise à jour": "1er octobre 2020",
    }


def test_attached_documents_download(client, demo):
    link = soup(client.get(ACCORDS)).select_one("a.document-link")
    assert link.has_attr("download")
    response = client.get(link["href"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("url", [ACCORDS, PRESS_URL])
def test_reading_a_page_with_documents_writes_nothing(client, demo, url):
    """A visit must not write to the database, nor through it empty every page's header cache."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


@pytest.mark.parametrize("url", [SOUTIEN, POCE, TERRITOIRES])
def test_articles_without_documents_show_no_document_block(client, demo, url):
    html = text(client.get(url))
    assert "Nombre de fichiers" not in html
    assert "Date de création" not in html
    assert 'class="documents"' not in html


def test_share_links_are_plain_links_to_the_article(client, demo):
    page = soup(client.get(ACCORDS))
    share = page.select_one("section.share")
    assert clean(share.h2) == "Partager cette page"
    # "Copier le lien" needs JavaScript: hidden until the script reveals it.
    copy = share.find("button", string="Copier le lien")
    assert copy.find_parent("li").has_attr("hidden")
    full_url = copy["data-copy-link"]
    assert full_url.startswith("http")
    assert full_url.endswith(ACCORDS)
    assert full_url == meta(page, "og:url")  # one address for the article, wherever shared
    encoded = quote(full_url, safe="/")
    hrefs = [link["href"] for link in share.select("a")]
    assert [href.split("?")[0] for href in hrefs] == [
        "mailto:",
        "https://www.linkedin.com/sharing/share-offsite/",
        "https://www.facebook.com/sharer/sharer.php",
        "https://twitter.com/intent/tweet",
        "https://bsky.app/intent/compose",
    ]
    for href in hrefs:
        assert encoded in href, href
    assert "subject=Accords-cadres%20sign%C3%A9s" in hrefs[0]
    for link in share.select("a[href^=https]"):
        assert "noopener" in link["rel"]
    assert not page.select("script[src*='facebook'], script[src*='twitter'], iframe")


def test_related_news_share_a_theme_newest_first_at_most_three(client, demo):
    """Seed 001 is about économie, innovation and emploi."""
    from news.models import Theme

    economie = Theme.objects.get(slug="economie")
    tourisme = ThemeFactory(name="Tourisme", slug="tourisme")
    for day in [3, 1, 5, 2]:
        add_news(f"Économie du {day} mars 2024", datetime.date(2024, 3, day), themes=[economie])
    add_news("Un autre sujet, plus récent", datetime.date(2025, 1, 1), themes=[tourisme])
    add_draft("Brouillon économique", datetime.date(2026, 1, 1), themes=[economie])
    add_private("Note interne économique", datetime.date(2026, 1, 2), themes=[economie])
    page = soup(client.get(SOUTIEN))
    related = page.find(id="titre-voir-aussi").find_parent("section")
    assert clean(related.h2) == "Sur les mêmes thèmes"
    assert card_titles(related) == [
        "Économie du 5 mars 2024",
        "Économie du 3 mars 2024",
        "Économie du 2 mars 2024",
    ]


def test_related_news_of_a_seed_article(client, demo):
    """Seed 004 (coopération, aménagement) leads to seeds 003 and 002, never to itself."""
    related = soup(client.get(ACCORDS)).find(id="titre-voir-aussi").find_parent("section")
    assert card_titles(related) == [
        "Normandie : 10 territoires d'industrie labellisés",
        "Grand Est : signature du Pacte Offensive Croissance Emploi (POCE) avec "
        "l'Eurométropole de Strasbourg",
    ]


def test_no_related_news_without_a_shared_theme(client, demo):
    lonely = ThemeFactory(name="Tourisme", slug="tourisme")
    page = add_news("Seine à vélo", datetime.date(2024, 6, 1), themes=[lonely])
    html = text(client.get(page.url))
    assert "Sur les mêmes thèmes" not in html


@pytest.mark.parametrize("url", [POCE, TERRITOIRES])
def test_author_block(client, demo, url):
    page = soup(client.get(url))
    block = page.find(id="titre-contact").find_parent("section")
    assert clean(block.h2) == "Auteur"
    assert clean(block.select_one(".contact-card__name")) == "Emmanuel Georges Picot"
    assert not block.select("a")  # the seed gives no e-mail address nor phone number


def test_press_release_without_contact_has_no_contact_block(client, demo):
    html = text(client.get(SOUTIEN))
    assert 'id="titre-contact"' not in html


def test_press_release_names_its_press_contact(client, demo):
    contact = PressContactFactory(
        name="Claire Martin",
        role="Chargée de communication",
        email="presse@example.invalid",
        phone="02 35 00 00 00",
    )
    page = add_news(
        "Communiqué avec contact",
        datetime.date(2024, 5, 2),
        news_type=NewsType.PRESS_RELEASE,
        contact=contact,
    )
    block = soup(client.get(page.url)).find(id="titre-contact").find_parent("section")
    assert clean(block.h2) == "Contact presse"
    assert "Claire Martin" in clean(block)
    assert "Chargée de communication" in clean(block)
    assert block.find("a", href="mailto:presse@example.invalid")
    # Dialled in international form, from France as from abroad.
    assert clean(block.find("a", href="tel:+33-2-35-00-00-00")) == "02 35 00 00 00"
    assert block.find("a", href=f"/espace-presse/contacts/{contact.pk}/vcard/")

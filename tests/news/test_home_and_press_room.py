"""The news where readers meet them outside the section: the home page's latest and pinned
news, and the press room."""

import datetime

from wagtail.models import PageViewRestriction

from news.models import NewsPage, NewsType

from .helpers import (
    INDEX_URL,
    PRESS_URL,
    add_draft,
    add_news,
    add_private,
    card_titles,
    clean,
    fixture_size,
    soup,
)


def home_news(client):
    section = soup(client.get("/")).find(id="titre-actualites").find_parent("section")
    return section, card_titles(section)


SOUTIEN_TITLE = (
    "Pôle Métropolitain Rouen Seine Eure : soutien renouvelé aux pôles de compétitivité et "
    "filières du territoire"
)
ACCORDS_TITLE = "Accords-cadres signés entre la Région et les pôles régionaux"
TERRITOIRES_TITLE = "Normandie : 10 territoires d'industrie labellisés"
POCE_TITLE = (
    "Grand Est : signature du Pacte Offensive Croissance Emploi (POCE) avec "
    "l'Eurométropole de Strasbourg"
)


def test_home_shows_the_three_latest_news_newest_first(client, demo):
    section, titles = home_news(client)
    assert titles == [SOUTIEN_TITLE, ACCORDS_TITLE, TERRITOIRES_TITLE]
    assert section.find("a", string="Toutes les actualités")["href"] == INDEX_URL
    add_draft("Brouillon du jour", datetime.date(2030, 1, 1))
    add_private("Réservé aux élus", datetime.date(2030, 1, 2))
    add_news("Toute dernière actualité", datetime.date(2030, 1, 3))
    assert home_news(client)[1] == ["Toute dernière actualité", SOUTIEN_TITLE, ACCORDS_TITLE]


def test_pinned_news_comes_first_on_the_home_page(client, demo):
    demo.featured_news = NewsPage.objects.get(title=POCE_TITLE)
    demo.save_revision().publish()
    assert home_news(client)[1] == [POCE_TITLE, SOUTIEN_TITLE, ACCORDS_TITLE]
    # Pinning the newest item does not show it twice.
    demo.featured_news = NewsPage.objects.get(title=SOUTIEN_TITLE)
    demo.save_revision().publish()
    assert home_news(client)[1] == [SOUTIEN_TITLE, ACCORDS_TITLE, TERRITOIRES_TITLE]


def test_pinned_news_is_not_shown_once_unpublished(client, demo):
    pinned = NewsPage.objects.get(title=POCE_TITLE)
    demo.featured_news = pinned
    demo.save_revision().publish()
    pinned.unpublish()
    assert home_news(client)[1] == [SOUTIEN_TITLE, ACCORDS_TITLE, TERRITOIRES_TITLE]


def test_pinned_news_is_not_shown_to_the_public_once_made_private(client, demo):
    pinned = NewsPage.objects.get(title=POCE_TITLE)
    demo.featured_news = pinned
    demo.save_revision().publish()
    PageViewRestriction.objects.create(page=pinned, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(pinned.url).status_code == 302  # the article asks for a login…
    assert home_news(client)[1] == [SOUTIEN_TITLE, ACCORDS_TITLE, TERRITOIRES_TITLE]  # …so here


def test_press_room_lists_only_press_releases_with_its_documents(client, demo):
    add_news("Actualité récente", datetime.date(2030, 1, 1))
    add_news("Communiqué récent", datetime.date(2030, 1, 2), news_type=NewsType.PRESS_RELEASE)
    response = client.get(PRESS_URL)
    assert response.status_code == 200
    page = soup(response)
    assert len(page.find_all("h1")) == 1
    releases = page.find(id="titre-communiques").find_parent("section")
    assert card_titles(releases) == ["Communiqué récent", SOUTIEN_TITLE]
    assert clean(releases.select_one(".results-summary")) == "2 communiqués."
    documents = page.find(id="titre-documents-presse").find_parent("section")
    assert clean(documents.h2) == "Documents de présentation"
    size = fixture_size("pole-metropolitain-en-bref.pdf")
    assert clean(documents.select_one("a.document-link")) == (
        f"Le Pôle Métropolitain Rouen Seine Eure en bref (PDF – {round(size / 1024)} ko)"
    )
    assert releases.find("a", href="/espace-presse/rss/")
    assert releases.find("a", href="/espace-presse/atom/")

"""Window titles say where the reader is (RGAA 8.6): the page, its filters and its page number,
then the site; every page has a description for search engines."""

import pytest
from bs4 import BeautifulSoup

SITE = "Pôle Métropolitain Rouen Seine Eure"


def title(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").title.get_text()


def description(client, url):
    page = BeautifulSoup(client.get(url).content, "html.parser")
    return page.find("meta", attrs={"name": "description"})["content"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, expected",
    [
        ("/", f"Accueil – {SITE}"),
        ("/le-pole/", f"Présentation du Pôle Métropolitain – {SITE}"),
        ("/actualites/", f"Actualités – {SITE}"),
        (
            "/actualites/?type=communique",
            f"Actualités pour le type « Communiqué de presse » – {SITE}",
        ),
        ("/actualites/?annee=2021&theme=inconnu", f"Actualités pour l'année 2021 – {SITE}"),
        ("/partenaires/?type=pole", f"Partenaires de type « Pôle de compétitivité » – {SITE}"),
        ("/recherche/?q=p%C3%B4le", f"Recherche : pôle – {SITE}"),
        (
            "/recherche/?q=p%C3%B4le&type=actualites",
            f"Recherche : pôle pour « Actualités et communiqués » – {SITE}",
        ),
    ],
)
def test_titles_name_the_page_its_filters_and_the_site(client, demo, url, expected):
    assert title(client, url) == expected


@pytest.mark.django_db
def test_a_second_page_of_a_listing_says_its_number(client, demo):
    from news.demo import add_fake_news

    add_fake_news(60)
    assert title(client, "/actualites/?page=2") == f"Actualités – page 2 sur 6 – {SITE}"
    assert title(client, "/espace-presse/?page=2").startswith("Espace presse – page 2 sur ")


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["lsn", "nextmove", "cosmetic-valley", "polepharma", "pole-tes"])
def test_every_partner_page_has_a_description(client, demo, slug):
    text = description(client, f"/partenaires/{slug}/")
    assert len(text) > 50
    assert len(text) <= 160


@pytest.mark.django_db
def test_search_results_have_their_heading_and_no_promise_above_zero_results(client, demo):
    page = BeautifulSoup(client.get("/recherche/?q=zzqx+yyqw").content, "html.parser")
    assert "au moins un" not in page.select_one(".results-summary").get_text()
    page = BeautifulSoup(client.get("/recherche/?q=p%C3%B4le").content, "html.parser")
    levels = [h.name for h in page.find("main").find_all(["h1", "h2", "h3"])]
    assert levels[:2] == ["h1", "h2"]
    regions = [form.get("aria-label") for form in page.find_all(attrs={"role": "search"})]
    assert len(regions) == len(set(regions)) == 2 and all(regions)


@pytest.mark.django_db
def test_the_search_page_has_a_description_too(client, demo):
    assert description(client, "/recherche/?q=p%C3%B4le").startswith("Rechercher dans les pages")

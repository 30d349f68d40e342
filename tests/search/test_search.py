"""Site search as a citizen uses it: without accents, on SQLite (`make run`) and PostgreSQL (CI)."""

from django.core.cache import cache
from django.db import connection

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

import pytest

from news.demo import add_fake_news
from news.models import NewsPage
from pages.models import PresentationPage, StandardPage
from tests.budgets import QUERY_BUDGET, count_queries
from tests.factories import StandardPageFactory
from tests.news.helpers import ACCORDS, SOUTIEN, TERRITOIRES, clean, soup

SEARCH_URL = "/recherche/"


def search(client, query, **params):
    response = client.get(SEARCH_URL, {"q": query, **params})
    assert response.status_code == 200
    return response


def result_urls(response):
    return [a["href"] for a in soup(response).select("ol.search-results .search-result__title a")]


def summary(response):
    return clean(soup(response).select_one(".results-summary"))


# ---------------------------------------------------------------------------
# What a citizen finds
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("competitivite", SOUTIEN),  # "compétitivité" typed without accents
        ("COMPÉTITIVITÉ", SOUTIEN),
        ("pole", "/le-pole/"),  # "Pôle" in the title
        ("poles regionaux", ACCORDS),  # "pôles régionaux": plural and accents
        ("territoire industrie", TERRITOIRES),  # "Territoires d'industrie"
        ("territoires d’industrie", TERRITOIRES),  # typographic apostrophe, elision
        ("seine a velo", "/le-pole/"),  # "Seine à vélo", in the presentation's timeline
        ("polepharma", "/partenaires/polepharma/"),
        ("mobilites", "/le-pole/"),
    ],
)
def test_queries_without_accents_find_the_content(client, demo, query, expected):
    urls = result_urls(search(client, query))
    assert expected in urls, f"{query!r} → {urls}"


def test_best_match_comes_first(client, demo):
    assert result_urls(search(client, "territoires industrie"))[0] == TERRITOIRES


def test_database_uses_the_french_configuration(db):
    backend = get_search_backend()
    if connection.vendor == "postgresql":
        assert backend.config == "french_unaccent"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT to_tsvector('french_unaccent', 'Pôles de compétitivité'),"
                " to_tsvector('french_unaccent', 'pole competitivite')"
            )
            accented, plain = cursor.fetchone()
            assert accented.split() == ["'competitivit':3", "'pol':1"]
            assert plain.split() == ["'competitivit':2", "'pol':1"]
    else:
        assert type(backend).__name__ == "FrenchSQLiteSearchBackend"


def test_results_show_type_date_and_highlighted_excerpt(client, demo):
    page = soup(search(client, "competitivite"))
    result = next(
        li for li in page.select("ol.search-results li") if li.find("a", href=SOUTIEN) is not None
    )
    assert clean(result.select_one(".tag")) in {"Actualité", "Communiqué de presse"}
    assert result.select_one("time")["datetime"][:4].isdigit()
    marks = [clean(mark).lower() for mark in result.select(".search-result__excerpt mark")]
    assert marks and all(mark.startswith("compétitivit") for mark in marks)
    partner = next(
        li for li in page.select("ol.search-results li") if li.find("a", href="/partenaires/")
    )
    assert clean(partner.select_one(".tag")) == "Rubrique"


def test_count_is_shown_and_query_echoed_escaped(client, demo):
    response = search(client, "velo <script>alert(1)</script>")
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert soup(response).select_one("#recherche-q")["value"] == "velo <script>alert(1)</script>"
    assert "résultat" in summary(response)


def test_results_page_is_not_indexed(client, demo):
    response = search(client, "pole")
    assert soup(response).select_one('meta[name="robots"]')["content"] == "noindex"


def test_draft_and_private_pages_are_not_found(client, demo):
    presentation = PresentationPage.objects.get()
    draft = StandardPageFactory(parent=presentation, title="Zygomorphe brouillon", live=False)
    private = StandardPageFactory(parent=presentation, title="Zygomorphe réservé")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    public = StandardPageFactory(parent=presentation, title="Zygomorphe public")
    urls = result_urls(search(client, "zygomorphe"))
    assert urls == [public.url]
    assert draft.url not in urls and private.url not in urls


def test_every_word_must_match_else_any_word(client, demo):
    all_words = search(client, "territoires industrie")
    assert "au moins un" not in summary(all_words)
    fallback = search(client, "industrie zzyzx")
    assert TERRITOIRES in result_urls(fallback)
    assert "Aucune page ne contient tous ces mots" in summary(fallback)


def test_no_results_suggests_the_main_sections(client, demo):
    response = search(client, "zzyzxqwv")
    page = soup(response)
    assert summary(response).startswith("0 résultat")
    links = [a["href"] for a in page.select(".search-empty .section-links a")]
    assert "/le-pole/" in links and "/actualites/" in links


# ---------------------------------------------------------------------------
# Filters, pagination, promotions
# ---------------------------------------------------------------------------


def test_filter_by_content_type(client, demo):
    news_only = result_urls(search(client, "competitivite", type="actualites"))
    assert news_only and all(
        url.startswith("/actualites/") and url != "/actualites/" for url in news_only
    )
    partners = result_urls(search(client, "polepharma", type="partenaires"))
    assert partners == ["/partenaires/polepharma/"]
    pages = result_urls(search(client, "competitivite", type="pages"))
    assert SOUTIEN not in pages and "/partenaires/polepharma/" not in pages and pages
    # An unknown type is ignored, not an error.
    assert result_urls(search(client, "competitivite", type="n'importe quoi")) == result_urls(
        search(client, "competitivite")
    )


def test_ten_results_a_page_with_pagination(client, demo):
    add_fake_news(23)
    first = search(client, "fictive")
    assert summary(first).startswith("23 résultats")
    assert len(result_urls(first)) == 10
    last = search(client, "fictive", page=3)
    assert len(result_urls(last)) == 3
    pagination = soup(first).select(".pagination a")
    assert any("q=fictive" in a["href"] and "page=2" in a["href"] for a in pagination)
    # Out of range or nonsense: the nearest real page, never an error.
    assert result_urls(search(client, "fictive", page=999)) == result_urls(last)
    assert result_urls(search(client, "fictive", page="abc")) == result_urls(first)


def test_promotions_come_first(client, demo):
    query = Query.get("velo")
    SearchPromotion.objects.create(
        query=query,
        page=Page.objects.get(url_path__endswith="/accessibilite/"),
        description="La déclaration d'accessibilité du site.",
        sort_order=0,
    )
    page = soup(search(client, "Vélo"))
    promoted = page.select_one(".search-promotions")
    assert promoted is not None
    assert promoted.find("a")["href"] == "/accessibilite/"
    assert "déclaration d'accessibilité" in clean(promoted)
    assert str(page).index("search-promotions") < str(page).index('class="search-results" start')


# ---------------------------------------------------------------------------
# Bad input never yields a 500
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "\x00pole\x00",
        '"pole',
        "pole'",
        "(((",
        "'; DROP TABLE wagtailcore_page; --",
        "pole OR 1=1",
        "a & b | !c <-> d:*",
        "NEAR(pole velo) AND NOT ^x*",
        "\\",
        "%",
        "😀 pôle",
        "le la les de",  # stop words only
    ],
)
def test_bad_queries_give_a_page_not_an_error(client, demo, query):
    pages_before = Page.objects.count()
    response = search(client, query)
    assert soup(response).select_one("h1").get_text() == "Rechercher sur le site"
    assert Page.objects.count() == pages_before


def test_invalid_utf8_in_the_query_string(client, demo):
    response = client.get(SEARCH_URL + "?q=p%F4le%FF%FE&page=%FF")
    assert response.status_code == 200


def test_very_long_queries_are_trimmed_and_say_so(client, demo):
    response = search(client, "pole " * 1000)
    assert len(soup(response).select_one("#recherche-q")["value"]) <= 200
    assert "200 premiers caractères" in clean(soup(response).select_one("#recherche-raccourcie"))
    assert "/le-pole/" in result_urls(response)
    assert "premiers caractères" not in search(client, "pole").content.decode()


# ---------------------------------------------------------------------------
# Cost
# ---------------------------------------------------------------------------


def test_query_count_does_not_grow_with_the_number_of_hits(client, demo):
    # A fixed cost: the search, its count, the hit counter (3), promotions, pages by type, site.
    url = f"{SEARCH_URL}?q=fictive&type=actualites"
    add_fake_news(3)
    client.get(url)
    cache.clear()
    client.get("/")  # navigation cached again, as for every visitor but the first
    _, few = count_queries(client, url)
    add_fake_news(60)
    assert NewsPage.objects.filter(slug__startswith="demo-charge-").count() == 63
    client.get("/")  # adding items drew a new cache generation: navigation cached again
    _, many = count_queries(client, url)
    assert many == few, (few, many)
    assert many <= QUERY_BUDGET


def test_editor_pages_stay_searchable_after_edits(client, demo):
    page = StandardPage.objects.get(url_path__endswith="/mentions-legales/")
    page.title = "Mentions légales et crédits photographiques"
    page.save_revision().publish()
    assert page.url in result_urls(search(client, "credits photographiques"))


def test_editors_manage_promotions_in_the_admin(admin_client, demo):
    response = admin_client.post(
        "/admin/searchpicks/add/",
        {
            "query_string": "velo",
            "editors_picks-TOTAL_FORMS": "1",
            "editors_picks-INITIAL_FORMS": "0",
            "editors_picks-MIN_NUM_FORMS": "0",
            "editors_picks-MAX_NUM_FORMS": "1000",
            "editors_picks-0-page": Page.objects.get(url_path__endswith="/le-pole/").pk,
            "editors_picks-0-external_link_url": "",
            "editors_picks-0-external_link_text": "",
            "editors_picks-0-description": "Le projet Seine à vélo, dans la présentation du Pôle.",
            "editors_picks-0-ORDER": "0",
        },
    )
    assert response.status_code == 302
    assert SearchPromotion.objects.filter(query__query_string="velo").exists()


def test_results_page_has_the_breadcrumb(client, demo):
    trail = soup(search(client, "pole")).select(".breadcrumb__item")
    assert [clean(item) for item in trail] == ["Accueil", "Recherche"]
    assert trail[-1].find(attrs={"aria-current": "page"}) is not None


def test_every_search_form_takes_its_address_and_limit_from_the_search_view(
    client, demo, monkeypatch
):
    """The header's, the 404 page's and the search page's forms: change the limit in Python,
    and every form follows."""
    from search import context_processors

    monkeypatch.setattr(context_processors, "MAX_QUERY_LENGTH", 150)
    pages = [
        client.get("/le-pole/"),
        client.get("/page-qui-n-existe-pas/"),
        client.get("/recherche/"),
    ]
    assert [page.status_code for page in pages] == [200, 404, 200]
    for page in pages:
        for form in soup(page).select("form[role=search]"):
            assert form["action"] == "/recherche/"
            assert form.select_one("input[name=q]")["maxlength"] == "150"

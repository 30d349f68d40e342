"""`/actualites/`: newest first, twelve a page, filters a reader can combine, and no bad
address a visitor types ever breaks the page."""

import datetime
import itertools
import json
from html import unescape
from urllib.parse import quote

from django.conf import settings

import pytest

from news.models import NewsType, Theme

from .helpers import (
    INDEX_URL,
    add_draft,
    add_news,
    add_private,
    add_scheduled,
    card_titles,
    clean,
    soup,
    text,
)

SEEDS = json.loads((settings.BASE_DIR / "fixtures" / "demo" / "news.json").read_text())["news"]
TYPE_LABELS = {"actualite": "Actualité", "communique": "Communiqué de presse"}
THEME_LABELS = {"economie": "Économie", "industrie": "Industrie", "emploi": "Emploi et formation"}


def seed_items():
    return [
        (
            item["title"],
            datetime.date.fromisoformat(item["date"]),
            item["news_type"],
            item["themes"],
        )
        for item in SEEDS
    ]


def newest_first(items):
    return [title for title, *_ in sorted(items, key=lambda item: item[1], reverse=True)]


def listing(client, query=""):
    response = client.get(INDEX_URL + query)
    assert response.status_code == 200, query
    return response


def summary(page):
    return clean(page.select_one(".results-summary"))


def selected(page, field):
    option = page.select_one(f"select[name={field}] option[selected]")
    return option["value"] if option else None


def current_page(page):
    link = page.select_one(".pagination [aria-current=page]")
    return clean(link).replace("Page ", "") if link else None


def add(items):
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for title, date, news_type, slugs in items:
        add_news(title, date, news_type=news_type, themes=[themes[slug] for slug in slugs])


def thirty_news():
    """Thirty items of January 2024, entered in an order that is not their date order:
    all about the economy, two out of three are press releases."""
    items = []
    for number in range(30):
        day = (number * 7) % 30 + 1
        news_type = NewsType.NEWS if day % 3 == 0 else NewsType.PRESS_RELEASE
        items.append(
            (f"Janvier 2024, jour {day}", datetime.date(2024, 1, day), news_type, ["economie"])
        )
    add(items)
    return items


def test_newest_first_twelve_a_page(client, demo):
    items = seed_items() + thirty_news()
    expected = newest_first(items)
    assert len(expected) == 34
    shown = []
    for number, count in [(1, 12), (2, 12), (3, 10)]:
        page = soup(listing(client, f"?page={number}"))
        titles = card_titles(page.select_one(".news-list"))
        assert len(titles) == count
        assert summary(page) == f"34 résultats — page {number} sur 3."
        assert current_page(page) == str(number)
        shown += titles
    assert shown == expected


def test_page_links(client, demo):
    thirty_news()
    page = soup(listing(client, "?page=2"))
    nav = page.select_one("nav.pagination")
    assert nav["aria-label"] == "Pagination"
    assert nav.find("a", rel="prev")["href"] == "?page=1"
    assert nav.find("a", rel="next")["href"] == "?page=3"
    assert [link["href"] for link in nav.select("a:not([rel])")] == [
        "?page=1",
        "?page=2",
        "?page=3",
    ]
    first = soup(listing(client))
    assert not first.select("nav.pagination a[rel=prev]")
    last = soup(listing(client, "?page=3"))
    assert not last.select("nav.pagination a[rel=next]")


def test_a_single_page_has_no_pagination(client, demo):
    page = soup(listing(client))
    assert summary(page) == "4 résultats."
    assert not page.select("nav.pagination")


# Filters: each alone, every pair and all three, on the seeds plus items chosen so that every
# combination keeps some items and drops others.
FILTERS = {"type": "communique", "theme": "economie", "annee": "2021"}
COMBINATIONS = [
    dict(combination)
    for size in range(len(FILTERS) + 1)
    for combination in itertools.combinations(FILTERS.items(), size)
]
MIXED = [
    ("Conseil de janvier 2021", datetime.date(2021, 1, 15), "communique", ["economie"]),
    ("Forum de l'emploi 2021", datetime.date(2021, 3, 10), "actualite", ["emploi", "economie"]),
    ("Bilan industriel 2021", datetime.date(2021, 9, 1), "communique", ["industrie"]),
    ("Visite d'entreprise 2020", datetime.date(2020, 2, 2), "communique", ["economie"]),
    ("Axe Seine 2019", datetime.date(2019, 9, 9), "actualite", ["industrie"]),
]


def matches(item, filters):
    _, date, news_type, themes = item
    return (
        filters.get("type", news_type) == news_type
        and (filters.get("theme") is None or filters["theme"] in themes)
        and filters.get("annee", str(date.year)) == str(date.year)
    )


def expected_summary(count, filters):
    parts = []
    if "type" in filters:
        parts.append(f"le type « {TYPE_LABELS[filters['type']]} »")
    if "theme" in filters:
        parts.append(f"le thème « {THEME_LABELS[filters['theme']]} »")
    if "annee" in filters:
        parts.append(f"l'année {filters['annee']}")
    words = f"{count} résultat{'s' if count > 1 else ''}"
    return f"{words} pour {', '.join(parts)}." if parts else f"{words}."


def query(filters):
    return "?" + "&".join(f"{name}={value}" for name, value in filters.items())


@pytest.mark.parametrize("filters", COMBINATIONS, ids=lambda f: "+".join(f) or "aucun")
def test_filters_alone_and_combined(client, demo, filters):
    add(MIXED)
    everything = seed_items() + MIXED
    expected = newest_first([item for item in everything if matches(item, filters)])
    if filters:  # the items are chosen so that every combination keeps some and drops some
        assert 0 < len(expected) < len(everything)
    page = soup(listing(client, query(filters)))
    assert card_titles(page.select_one(".news-list")) == expected
    # The form shows what is applied, ready to be changed.
    for name in FILTERS:
        assert selected(page, name) == filters.get(name), name
    reset = page.select_one(".filters__actions a")
    if filters:
        assert clean(reset) == "Tout afficher"
        assert reset["href"] == INDEX_URL
    else:
        assert reset is None


@pytest.mark.parametrize("filters", COMBINATIONS, ids=lambda f: "+".join(f) or "aucun")
def test_summary_says_what_is_shown(client, demo, filters):
    add(MIXED)
    count = len([item for item in seed_items() + MIXED if matches(item, filters)])
    assert summary(soup(listing(client, query(filters)))) == expected_summary(count, filters)


def test_no_result_says_so_and_offers_everything(client, demo):
    page = soup(listing(client, "?type=communique&annee=2018"))
    assert not page.select(".news-card")
    assert summary(page).startswith("0 résultat")
    assert "Aucune actualité ne correspond à ces critères." in clean(page.main)
    assert page.main.find("a", string="Voir toutes les actualités")["href"] == INDEX_URL


def test_pagination_keeps_the_filters(client, demo):
    items = thirty_news()
    filters = {"type": "communique", "theme": "economie", "annee": "2024"}
    expected = newest_first([item for item in items if matches(item, filters)])
    assert len(expected) == 20
    first = soup(listing(client, query(filters)))
    assert card_titles(first.select_one(".news-list")) == expected[:12]
    next_link = first.select_one("nav.pagination a[rel=next]")["href"]
    assert unescape(next_link) == "?type=communique&theme=economie&annee=2024&page=2"
    for link in first.select("nav.pagination a"):
        assert link["href"].startswith("?type=communique&theme=economie&annee=2024&page=")
    second = soup(listing(client, next_link))
    assert card_titles(second.select_one(".news-list")) == expected[12:]
    assert [selected(second, name) for name in filters] == list(filters.values())
    assert (
        second.select_one("nav.pagination a[rel=prev]")["href"]
        == "?type=communique&theme=economie&annee=2024&page=1"
    )


def test_year_archive(client, demo):
    add(MIXED)
    page = soup(listing(client))
    archive = page.find(id="titre-archives").find_parent("aside").select_one(".archive-list")
    assert [(clean(li.a), li.a["href"], clean(li)) for li in archive.select("li")] == [
        ("2021", "/actualites/?annee=2021", "2021 (4)"),
        ("2020", "/actualites/?annee=2020", "2020 (2)"),
        ("2019", "/actualites/?annee=2019", "2019 (2)"),
        ("2018", "/actualites/?annee=2018", "2018 (1)"),
    ]
    assert [option["value"] for option in page.select("select[name=annee] option")] == [
        "",
        "2021",
        "2020",
        "2019",
        "2018",
    ]
    year = soup(listing(client, "?annee=2019"))
    assert card_titles(year.select_one(".news-list")) == [
        "Axe Seine 2019",
        "Normandie : 10 territoires d'industrie labellisés",
    ]
    assert selected(year, "annee") == "2019"


def test_theme_menu_is_in_french_alphabetical_order(client, demo):
    page = soup(listing(client))
    assert [clean(option) for option in page.select("select[name=theme] option")] == [
        "Tous les thèmes",
        "Aménagement du territoire",
        "Coopération territoriale",
        "Économie",
        "Emploi et formation",
        "Industrie",
        "Innovation et compétitivité",
    ]


def test_drafts_scheduled_and_private_news_never_listed(client, demo):
    economie = Theme.objects.get(slug="economie")
    add_draft("Brouillon", datetime.date(2030, 1, 1), themes=[economie])
    add_scheduled("Annonce programmée", datetime.date(2030, 1, 2), themes=[economie])
    add_private("Note réservée aux élus", datetime.date(2030, 1, 3), themes=[economie])
    hidden = ["Brouillon", "Annonce programmée", "Note réservée aux élus"]
    for filters in ["", "?theme=economie", "?type=actualite", "?annee=2030"]:
        response = listing(client, filters)
        html = text(response)
        for title in hidden:
            assert title not in html, (filters, title)
    page = soup(listing(client))
    assert summary(page) == "4 résultats."
    assert "2030" not in clean(page.select_one(".archive-list"))
    assert "2030" not in [option["value"] for option in page.select("select[name=annee] option")]


# Whatever a visitor or a robot puts in the address, the page answers and says what it shows.
BAD_PAGES = [
    ("page=abc", 1),
    ("page=-1", 3),
    ("page=0", 3),
    ("page=99999", 3),
    ("page=1e9", 1),
    ("page=99999999999999999999999", 3),
    ("page=%00", 1),
    ("page=2&page=abc", 1),
    # Too long to be read as a number at all (Python refuses 4,300+ digit integers).
    ("page=" + "9" * 5000, 1),
]


@pytest.mark.parametrize(
    ("bad", "shown"), BAD_PAGES, ids=[f"{bad[:16]}({len(bad)})" for bad, _ in BAD_PAGES]
)
def test_bad_page_numbers_show_a_real_page(client, demo, bad, shown):
    expected = newest_first(seed_items() + thirty_news())
    page = soup(listing(client, "?" + bad))
    assert summary(page) == f"34 résultats — page {shown} sur 3."
    assert current_page(page) == str(shown)
    assert card_titles(page.select_one(".news-list")) == expected[(shown - 1) * 12 : shown * 12]


BAD_FILTERS = [
    "annee=abcd",
    "annee=99999999999999999999",
    "annee=2021%00",
    "annee=-2021",
    "annee=2021.0",
    "annee=" + "9" * 5000,
    "theme=inconnu",
    "theme=%00x",
    "theme=%00",
    "theme=%FF%FE",
    "theme=" + quote("' OR 1=1 --"),
    "theme=" + quote("é") * 5000,
    "theme=ECONOMIE",
    "type=%00",
    "type=press",
    "type=" + "a" * 5000,
    "type=actualite%00",
]


@pytest.mark.parametrize("bad", BAD_FILTERS, ids=[f"{bad[:16]}({len(bad)})" for bad in BAD_FILTERS])
def test_unknown_filter_is_ignored_and_the_page_says_so(client, demo, bad):
    name = bad.split("=")[0]
    page = soup(listing(client, "?" + bad))
    assert summary(page) == f"4 résultats. Filtre non reconnu ignoré : {name}."
    assert len(page.select(".news-list .news-card")) == 4
    assert selected(page, name) is None
    # Nothing the visitor typed is echoed back.
    assert "OR 1=1" not in page.decode()
    assert "\x00" not in page.decode()


def test_several_unknown_filters_are_all_named(client, demo):
    page = soup(listing(client, "?type=x&theme=y&annee=z"))
    assert summary(page) == "4 résultats. Filtres non reconnus ignorés : type, theme, annee."


def test_a_valid_filter_still_applies_next_to_an_unknown_one(client, demo):
    page = soup(listing(client, "?type=communique&theme=inconnue"))
    sentence = summary(page)
    assert sentence.startswith("1 résultat pour le type « Communiqué de presse »")
    assert sentence.endswith("Filtre non reconnu ignoré : theme.")
    assert selected(page, "type") == "communique"
    assert len(page.select(".news-list .news-card")) == 1


@pytest.mark.parametrize(
    ("repeated", "applied"),
    [
        ("type=communique&type=actualite", {"type": "actualite"}),
        ("theme=industrie&theme=economie", {"theme": "economie"}),
        ("annee=2018&annee=2021", {"annee": "2021"}),
    ],
)
def test_a_repeated_filter_uses_the_last_value_as_a_form_would(client, demo, repeated, applied):
    """Django's forms read the last of repeated values; the listing does the same, and shows
    which one it used."""
    expected = newest_first([item for item in seed_items() if matches(item, applied)])
    page = soup(listing(client, "?" + repeated))
    assert card_titles(page.select_one(".news-list")) == expected
    ((name, value),) = applied.items()
    assert selected(page, name) == value
    assert summary(page).startswith(f"{len(expected)} résultat")
    assert "ignoré" not in summary(page)


def test_repeated_unknown_values_are_ignored(client, demo):
    page = soup(listing(client, "?annee=2021&annee=%00"))
    assert summary(page) == "4 résultats. Filtre non reconnu ignoré : annee."

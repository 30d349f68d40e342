"""The register as citizens, journalists and the préfecture read it: filters, feeds and the
open-data export."""

import csv
import io

import feedparser
import pytest

from acts.export import COLUMNS
from acts.models import ActKind, ActsSettings, Matter
from tests.acts.helpers import DEMO_ACT, new_act, publish
from tests.news.helpers import soup

# The header row of the SCDL « Délibérations » schema, version 2.1.5, as its documentation
# lists the properties (schema.data.gouv.fr/scdl/deliberations/2.1.5).
SCDL_HEADER = (
    "COLL_NOM,COLL_SIRET,DELIB_ID,DELIB_DATE,DELIB_MATIERE_CODE,DELIB_MATIERE_NOM,DELIB_OBJET,"
    "BUDGET_ANNEE,BUDGET_NOM,PREF_ID,PREF_DATE,VOTE_EFFECTIF,VOTE_REEL,VOTE_POUR,VOTE_CONTRE,"
    "VOTE_ABSTENTION,DELIB_URL"
)


def titles(response):
    return [h.text.strip() for h in soup(response).select(".act-item__title")]


def test_the_register_lists_the_demo_deliberation(demo, client):
    response = client.get("/actes/")
    assert response.status_code == 200
    assert titles(response) == [
        "Feuilles de route 2021 des pôles de compétitivité et filières du territoire"
    ]
    page = soup(response)
    assert "Conseil syndical du 12 mai 2021" in page.select_one("#titre-seances").parent.text
    assert "(PDF – " in page.select_one(".act-item .document-link").text


@pytest.mark.parametrize(
    "query",
    [
        "annee=1999",
        "annee=abc",
        "annee=99999999999999999999",
        "nature=%00",
        "matiere=';DROP TABLE",
        "seance=../../etc",
        "page=-1",
        "page=99999",
        "q=" + "x" * 5000,
        "q=%00%ff",
        "annee=2021&annee=2022",
    ],
)
def test_bad_filter_values_never_give_an_error(demo, client, query):
    response = client.get(f"/actes/?{query}")
    assert response.status_code == 200
    assert soup(response).select_one(".results-summary") is not None


def test_the_filters_narrow_the_register(demo, client):
    other = new_act(title="Arrêté de délégation de signature", kind=ActKind.ORDER, meeting=None)
    other.matter = Matter.objects.get(code="5.5")
    other.adopted_on = other.adopted_on.replace(year=2022)
    publish(other)
    assert len(titles(client.get("/actes/"))) == 2
    assert titles(client.get("/actes/?annee=2022")) == ["Arrêté de délégation de signature"]
    assert titles(client.get("/actes/?nature=deliberation")) == [
        "Feuilles de route 2021 des pôles de compétitivité et filières du territoire"
    ]
    assert titles(client.get("/actes/?matiere=5.5")) == ["Arrêté de délégation de signature"]
    assert len(titles(client.get("/actes/?seance=conseil-syndical-2021-05-12"))) == 1
    summary = soup(client.get("/actes/?annee=2022&nature=arrete")).select_one(".results-summary")
    assert "l'année 2022" in summary.text and "« Arrêté »" in summary.text


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_the_feeds_parse_and_give_each_act_with_its_pdf(demo, client, kind):
    response = client.get(f"/actes/{kind}/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    [entry] = feed.entries
    assert entry.title.startswith("Délibération – Feuilles de route 2021")
    assert entry.link.endswith(DEMO_ACT)
    [enclosure] = entry.enclosures
    assert enclosure.type == "application/pdf"
    assert enclosure.href.endswith(DEMO_ACT + "document/1/")


def test_every_page_announces_the_register_feeds(demo, client):
    links = soup(client.get("/")).select('link[rel="alternate"]')
    assert {link["href"].split("//", 1)[-1].split("/", 1)[-1] for link in links} >= {
        "actes/rss/",
        "actes/atom/",
    }


def rows(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    return text, list(csv.reader(io.StringIO(text)))


def test_the_export_header_is_the_schema_s(demo, client):
    text, table = rows(client.get("/actes/export/csv/"))
    assert text.splitlines()[0] == SCDL_HEADER
    assert ",".join(COLUMNS) == SCDL_HEADER
    assert "attachment" in client.get("/actes/export/csv/")["Content-Disposition"]


def test_the_export_gives_what_is_known_and_nothing_invented(demo, client):
    _, (header, row) = rows(client.get("/actes/export/csv/2021/"))
    line = dict(zip(header, row, strict=True))
    assert line["COLL_NOM"] == "Pôle Métropolitain Rouen Seine Eure"
    assert line["DELIB_DATE"] == "2021-05-12"
    assert line["DELIB_OBJET"].startswith("Feuilles de route 2021")
    assert line["DELIB_URL"].endswith(DEMO_ACT + "document/1/")
    for unknown in ("COLL_SIRET", "DELIB_ID", "DELIB_MATIERE_CODE", "VOTE_POUR", "PREF_DATE"):
        assert line[unknown] == "", unknown


def test_the_export_follows_the_schema_formats(demo, client):
    settings = ActsSettings.for_site(demo.get_site())
    settings.siret = "12345678901234"
    settings.legality_control_id = "PREF076"
    settings.save()
    act = new_act(title="Budget primitif 2022, annexe")
    act.matter = Matter.objects.get(code="7.1")
    act.number = "2022-01"
    act.adopted_on = act.adopted_on.replace(year=2022)
    act.votes_in_office, act.votes_present, act.votes_for = 20, 18, 17
    act.votes_against, act.votes_abstention = 0, 1
    act.prefecture_sent_on = act.adopted_on
    publish(act)
    _, (header, row) = rows(client.get("/actes/export/csv/2022/"))
    line = dict(zip(header, row, strict=True))
    assert line["COLL_SIRET"] == "12345678901234"
    assert line["DELIB_ID"] == "2022-01"
    assert line["DELIB_MATIERE_CODE"] == "7.1"
    assert line["DELIB_MATIERE_NOM"] == "finances locales/décisions budgétaires"
    assert line["DELIB_OBJET"] == "Budget primitif 2022, annexe"  # quoted by the CSV writer
    assert line["PREF_ID"] == "PREF076" and line["PREF_DATE"] == act.adopted_on.isoformat()
    assert [line[c] for c in ("VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR")] == ["20", "18", "17"]
    assert [line["VOTE_CONTRE"], line["VOTE_ABSTENTION"]] == ["0", "1"]
    page = soup(client.get(act.url))
    votes = {th.text: td.text for th, td in zip(page.select("th"), page.select("td"), strict=True)}
    assert votes["Pour"] == "17" and votes["Contre"] == "0"
    assert "exécutoire depuis le" in page.select_one(".act__enforceability").text


def test_an_unknown_export_year_is_a_404(demo, client):
    assert client.get("/actes/export/csv/1999/").status_code == 404
    assert client.get("/actes/export/csv/99999999999/").status_code == 404


def test_the_export_lists_deliberations_only(demo, client):
    publish(new_act(title="Décision de recrutement", kind=ActKind.DECISION, meeting=None))
    _, table = rows(client.get("/actes/export/csv/"))
    assert [row[6] for row in table[1:]] == [
        "Feuilles de route 2021 des pôles de compétitivité et filières du territoire"
    ]


def test_reading_the_export_saves_nothing(demo, client):
    """A GET never writes: a setting saved would renew every cached page of the site."""
    client.get("/actes/export/csv/")
    assert not ActsSettings.objects.exists()

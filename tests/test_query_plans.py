"""The plans PostgreSQL runs for the pages that list news, with a few thousand items.

A query count does not show what one query costs: a filter evaluated once per row, or a
scan of the whole page table, stays one query while its cost grows with every item. Here
each query of a warm request (the totals and the year archive, remembered for the content
generation, are not among them) is run with EXPLAIN ANALYZE, and its plan must not:
- run a subquery once per row (a SubPlan run more times than a page lists items: the
  breadcrumb's check of each ancestor's restrictions is bounded by the depth of the tree);
- read the page, news or search-index table from end to end (Seq Scan) when an index
  serves the query;
- pass more than a tenth of the items through any step (a hash join over the whole table,
  a sort of everything to keep twelve).
"""

import json

from django.db import connection
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

import pytest

from agenda.demo import add_fake_events
from agenda.models import EventPage
from news.demo import add_fake_news
from news.models import LISTING_ORDER, NewsPage
from partners.models import PartnerPage

ITEMS = 3000
# The tables that hold the thousands of items of each test.
NEWS_TABLES = {"wagtailcore_page", "news_newspage", "wagtailsearch_indexentry"}
EVENT_TABLES = {"wagtailcore_page", "agenda_eventpage", "wagtailsearch_indexentry"}
MAX_ROWS = ITEMS // 10
MAX_SUBPLAN_LOOPS = 12
# Steps whose row count is not rows read: Materialize and Memoize give rows they keep in
# memory again for each row of the other side of a join (the page's image, its contact); a
# Bitmap Index Scan counts the index's candidates, including entries of rows deleted or
# rolled back (earlier tests) that vacuum has not cleared yet: the Bitmap Heap Scan above it
# says how many rows it reads.
NOT_READ = {"Materialize", "Memoize", "Bitmap Index Scan"}

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="plans are PostgreSQL's (CI runs it)"
)


@pytest.fixture
def many_news(demo):
    add_fake_news(ITEMS)
    partner = PartnerPage.objects.get(slug="lsn")
    for item in NewsPage.objects.filter(slug__startswith="demo-charge-")[:40]:
        item.related_partners.add(partner)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return demo


def plan_nodes(node):
    yield node
    for child in node.get("Plans", []):
        yield from plan_nodes(child)


def problems(sql, params=None, large_tables=NEWS_TABLES):
    """What is wrong with the plan of one query, in words (empty: nothing)."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    found = []
    for node in plan_nodes(plan[0]["Plan"]):
        kind = node["Node Type"]
        loops = node.get("Actual Loops", 1)
        if node.get("Parent Relationship") == "SubPlan" and loops > MAX_SUBPLAN_LOOPS:
            found.append(f"SubPlan ({kind}) run {loops} times")
        if kind == "Seq Scan" and node.get("Relation Name") in large_tables:
            found.append(f"Seq Scan on {node['Relation Name']}")
        rows = node.get("Actual Rows", 0) * loops
        if rows > MAX_ROWS and kind not in NOT_READ:
            found.append(f"{kind} passes {rows} rows")
    return found


def urls():
    article = NewsPage.objects.exclude(slug__startswith="demo-charge-").order_by("-date").first()
    return [
        "/",
        "/actualites/",
        "/actualites/?annee=2021",
        "/actualites/?type=communique",
        "/actualites/?theme=economie",
        "/actualites/?partenaire=lsn",
        "/actualites/?page=20",
        "/espace-presse/",
        "/espace-presse/?page=10",
        article.url,
        "/partenaires/lsn/",
        "/recherche/?q=pole",
        "/recherche/?q=pole&type=actualites",
        "/actualites/rss/",
        "/espace-presse/atom/",
        "/plan-du-site/",
    ]


@pytest.fixture
def many_events(demo):
    add_fake_events(ITEMS)
    partner = PartnerPage.objects.get(slug="lsn")
    for event in EventPage.objects.filter(slug__startswith="evenement-fictif-")[:40]:
        event.related_partners.add(partner)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return demo


def event_urls():
    event = EventPage.objects.filter(slug__startswith="evenement-fictif-").last()
    year = event.start_date.year - 1
    return [
        "/",
        "/agenda/",
        "/agenda/?categorie=forum",
        "/agenda/?partenaire=lsn",
        "/agenda/?page=3",
        f"/agenda/archives/{year}/",
        f"/agenda/archives/{year}/?mois={year}-06",
        f"/agenda/archives/{year}/?page=5",
        event.url,
        "/agenda/ical/",
        "/agenda/ical/forum/",
        "/partenaires/lsn/",
        "/actes/conseil-syndical-2021-05-12/",
        "/recherche/?q=feuilles&type=agenda",
    ]


def assert_no_query_reads_every_item(client, urls, large_tables):
    report = {}
    for url in urls:
        assert client.get(url).status_code == 200, url  # remembered totals filled
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        for query in queries.captured_queries:
            if query["sql"].startswith("SELECT") and (
                found := problems(query["sql"], large_tables=large_tables)
            ):
                report.setdefault(url, []).append((found, query["sql"][-700:]))
    assert not report, json.dumps(report, indent=1, ensure_ascii=False)


def test_no_listing_query_reads_every_item(client, many_news):
    assert_no_query_reads_every_item(client, urls(), NEWS_TABLES)


def test_no_agenda_query_reads_every_event(client, many_events):
    assert_no_query_reads_every_item(client, event_urls(), EVENT_TABLES)


def test_the_guard_fails_on_a_per_row_subquery_and_a_full_scan(many_news):
    """The check above fails on the plans it guards against: a correlated NOT EXISTS on the
    restrictions, evaluated for every news item counted, and a per-row subquery."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    per_row = NewsPage.objects.live().exclude(Exists(restricted)).values("pk")
    assert any("passes" in problem for problem in problems(*per_row.query.sql_with_params()))
    subplan = Page.objects.annotate(
        restricted=Subquery(
            PageViewRestriction.objects.filter(page=OuterRef("pk")).values("pk")[:1]
        )
    ).values("pk", "restricted")
    assert any("SubPlan" in problem for problem in problems(*subplan.query.sql_with_params()))
    unindexed = Page.objects.filter(title__icontains="fictive").values("pk")[:12]
    assert any("Seq Scan" in problem for problem in problems(*unindexed.query.sql_with_params()))
    newest = NewsPage.objects.live().order_by(*LISTING_ORDER).values("pk")[:12]
    assert not problems(*newest.query.sql_with_params())

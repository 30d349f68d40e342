"""The editors' search terms report stays readable and bounded; robots cannot flood search."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Page

import pytest

from tests.news.helpers import soup


def search(client, query, address="198.51.100.7", forwarded_for=None, **params):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return client.get("/recherche/", {"q": query, **params}, REMOTE_ADDR=address, **headers)


def logged():
    return {query.query_string: query.hits for query in Query.objects.all()}


def test_only_searches_that_found_something_are_logged(client, demo):
    search(client, "Mobilités")
    search(client, "mobilités ")
    for junk in range(5):
        search(client, f"zzqx{junk} introuvable")
    assert logged() == {"mobilités": 2}


def test_a_search_with_a_promotion_is_logged_even_without_results(client, demo):
    query = Query.get("introuvable")
    SearchPromotion.objects.create(
        query=query, page=Page.objects.get(url_path__endswith="/accessibilite/"), sort_order=0
    )
    search(client, "Introuvable")
    assert logged()["introuvable"] == 1


def test_logged_terms_are_capped(client, demo):
    long = "pôle " * 60
    search(client, long)
    [term] = logged()
    assert term.startswith("pôle pôle") and len(term) <= 100


def test_later_pages_of_results_are_not_counted_again(client, demo):
    search(client, "pôle")
    search(client, "pôle", page=2)
    assert logged() == {"pôle": 1}


def test_a_robot_is_slowed_down_not_the_others(client, demo, settings):
    settings.SEARCH_RATE_LIMIT = 3
    for _ in range(3):
        assert search(client, "pôle").status_code == 200
    refused = search(client, "pôle")
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(settings.SEARCH_RATE_LIMIT_WINDOW)
    page = soup(refused)
    assert "patientez une minute" in page.get_text()
    assert page.select_one("#recherche-q")["value"] == "pôle"  # the form keeps the query
    assert search(client, "pôle", address="198.51.100.8").status_code == 200


def test_the_search_page_itself_is_not_counted(client, demo, settings):
    settings.SEARCH_RATE_LIMIT = 1
    for _ in range(3):
        assert client.get("/recherche/").status_code == 200
    assert search(client, "pôle").status_code == 200


def test_visitors_behind_the_proxy_are_counted_apart(client, demo, settings):
    settings.SEARCH_RATE_LIMIT = 1
    proxy = {"address": "127.0.0.1"}
    assert search(client, "pôle", forwarded_for="203.0.113.1", **proxy).status_code == 200
    assert search(client, "pôle", forwarded_for="203.0.113.1", **proxy).status_code == 429
    assert search(client, "pôle", forwarded_for="203.0.113.2", **proxy).status_code == 200


def test_no_limit_when_turned_off(client, demo, settings):
    settings.SEARCH_RATE_LIMIT = 0
    assert all(search(client, "pôle").status_code == 200 for _ in range(5))


@pytest.fixture
def old_and_new_terms(db, settings):
    settings.WAGTAILSEARCH_HITS_MAX_AGE = 90
    today = timezone.now().date()
    for text, age in [("ancien", 120), ("récent", 3), ("promu", 200)]:
        QueryDailyHits.objects.create(
            query=Query.get(text), date=today - datetime.timedelta(days=age), hits=4
        )
    SearchPromotion.objects.create(query=Query.get("promu"), external_link_url="https://x.fr")


def test_the_purge_keeps_recent_terms_and_promotions(old_and_new_terms):
    call_command("searchpromotions_garbage_collect", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(Query.objects.values_list("query_string", flat=True)) == {"récent", "promu"}
    assert QueryDailyHits.objects.count() == 1


def test_the_scheduler_purges_daily(old_and_new_terms):
    call_command("publish_scheduled_every", "--times", "1", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Query.objects.filter(query_string="ancien").exists()

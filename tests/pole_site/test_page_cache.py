"""The whole-page cache as visitors, editors and an outage meet it (Django's test client).

The same behaviour across real gunicorn processes sharing a file cache or Redis is in
test_page_cache_servers.py.
"""

import datetime
import re
import zoneinfo

from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import OperationalError, connection

from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest
import time_machine

from news.models import NewsPage, Theme
from pages.models import SiteIdentitySettings
from pole_site.page_cache import GENERATION_KEY, STATUS_HEADER

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
PARIS_NOON = datetime.datetime(2026, 12, 1, 12, tzinfo=PARIS)
# Headers that may differ between two answers for the same page: the cache's own label.
VOLATILE = {STATUS_HEADER.lower(), "date"}


@pytest.fixture
def cached(settings, demo):
    settings.PAGE_CACHE_SECONDS = 600
    settings.CACHE_CONTROL_MAX_AGE = 60
    settings.CACHE_CONTROL_S_MAXAGE = 600
    cache.clear()
    return demo


def headers(response):
    return {k.lower(): v for k, v in response.headers.items() if k.lower() not in VOLATILE}


def state(response):
    return response.headers.get(STATUS_HEADER)


def demo_urls(client):
    """Every page of the sitemap, plus listings with filters, feeds and the robots file."""
    sitemap = client.get("/sitemap.xml").content.decode()
    paths = {re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)", sitemap)}
    paths -= {"/contact/"}  # a form: never cached (see test_forms_with_a_csrf_token_…)
    return sorted(
        paths
        | {
            "/actualites/?type=communique",
            "/actualites/?page=1&annee=2021",
            "/actualites/rss/",
            "/actualites/atom/",
            "/espace-presse/rss/",
            "/sitemap.xml",
            "/sitemap-actualites.xml",
            "/sitemap-pages.xml?p=1",
            "/robots.txt",
        }
    )


def test_second_anonymous_request_is_the_same_response_from_the_cache(client, cached):
    urls = demo_urls(client)
    assert len(urls) >= 15
    cache.clear()
    for url in urls:
        first = client.get(url)
        second = client.get(url)
        assert first.status_code == 200, url
        assert (state(first), state(second)) == ("MISS", "HIT"), url
        assert second.content == first.content, url
        assert headers(second) == headers(first), url
        assert "Content-Security-Policy" in second.headers, url
        assert second["X-Content-Type-Options"] == "nosniff", url


def cache_control(response):
    return {d.strip() for d in response["Cache-Control"].split(",")}


def test_anonymous_pages_tell_browsers_and_cdns_how_long_to_keep_them(client, cached):
    with time_machine.travel(PARIS_NOON, tick=False):
        response = client.get("/actualites/")
    assert cache_control(response) == {"public", "max-age=60", "s-maxage=600"}


def test_no_cache_keeps_a_page_past_midnight_in_paris(client, cached):
    """What a page shows may change with the day (the agenda's upcoming events): two minutes
    before midnight, browsers and CDNs keep it two minutes at most, and the page cache's
    copy is not served the next day."""
    before_midnight = datetime.datetime(2026, 12, 1, 23, 58, tzinfo=PARIS)
    with time_machine.travel(before_midnight, tick=False):
        response = client.get("/")
        assert state(response) == "MISS"
        assert cache_control(response) == {"public", "max-age=60", "s-maxage=120"}
        assert state(client.get("/")) == "HIT"
    with time_machine.travel(before_midnight + datetime.timedelta(minutes=3), tick=False):
        assert state(client.get("/")) == "MISS"


def test_a_head_request_is_answered_from_the_cache_without_a_body(client, cached):
    page = client.get("/le-pole/")
    head = client.head("/le-pole/")
    assert state(head) == "HIT"
    assert head.content == b""
    assert head["Content-Length"] == str(len(page.content))


def test_query_strings_are_one_entry_whatever_the_order_of_parameters(client, cached):
    assert state(client.get("/actualites/?type=communique&annee=2021")) == "MISS"
    assert state(client.get("/actualites/?annee=2021&type=communique")) == "HIT"
    assert state(client.get("/actualites/?annee=2021&type=%63ommunique")) == "HIT"
    # A different filter is a different page.
    assert state(client.get("/actualites/?annee=2020&type=communique")) == "MISS"


def test_editors_always_get_fresh_pages_and_private_headers(client, cached):
    anonymous = client.get("/")
    assert state(anonymous) == "MISS"
    editor = User.objects.create_superuser("redaction", "r@example.org", "x")
    client.force_login(editor)
    for _ in range(2):
        response = client.get("/")
        assert state(response) is None
        assert response["Cache-Control"] == "private, no-cache"
        assert b"wagtail-userbar" in response.content.lower() or b"userbar" in response.content
    client.logout()
    assert state(client.get("/")) == "HIT"


def test_forms_with_a_csrf_token_search_and_admin_are_never_stored(client, cached):
    for url in ("/contact/", "/recherche/?q=pole", "/admin/login/"):
        first, second = client.get(url), client.get(url)
        assert second.status_code == 200, url
        assert state(first) is None and state(second) is None, url
    contact = client.get("/contact/")
    assert "csrftoken" in contact.cookies
    assert contact["Cache-Control"] == "private, no-cache"
    assert client.get("/recherche/?q=pole")["Cache-Control"] == "no-cache"


def test_private_pages_are_never_stored(client, cached):
    page = Page.objects.get(url_path__endswith="/le-pole/")
    client.get("/le-pole/")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    # Adding the restriction made the public copy stale at once, and the password form
    # (with its CSRF token) is never stored.
    for _ in range(2):
        response = client.get("/le-pole/")
        assert state(response) is None
        assert b"secret" not in response.content
        assert "password" in response.content.decode().lower()


def test_a_404_is_not_stored(client, cached):
    assert client.get("/nulle-part/").status_code == 404
    assert state(client.get("/nulle-part/")) is None


@pytest.mark.parametrize("url", ["/", "/actualites/"])
def test_publishing_a_news_item_refreshes_the_pages_it_appears_on(client, cached, url):
    item = NewsPage.objects.live().order_by("-date").first()
    client.get(url)
    assert state(client.get(url)) == "HIT"
    item.title = "Un titre tout neuf"
    item.save_revision().publish()
    response = client.get(url)
    assert state(response) == "MISS"
    assert "Un titre tout neuf" in response.content.decode()


def test_saving_a_draft_does_not_empty_the_cache(client, cached):
    client.get("/actualites/")
    item = NewsPage.objects.live().first()
    item.title = "Brouillon"
    item.save_revision()
    response = client.get("/actualites/")
    assert state(response) == "HIT"
    assert "Brouillon" not in response.content.decode()


def test_unpublishing_moving_and_deleting_refresh_the_cache(client, cached):
    item = NewsPage.objects.live().first()
    url = item.url
    client.get(url)
    client.get("/actualites/")
    item.unpublish()
    assert client.get(url).status_code == 404
    assert item.title not in client.get("/actualites/").content.decode()

    standard = Page.objects.get(url_path__endswith="/mentions-legales/")
    presentation = Page.objects.get(url_path__endswith="/le-pole/")
    client.get("/plan-du-site/")
    standard.move(presentation, pos="last-child")
    assert state(client.get("/plan-du-site/")) == "MISS"

    client.get("/le-pole/")
    presentation.get_children().first().delete()
    assert state(client.get("/le-pole/")) == "MISS"


def test_snippets_settings_images_documents_and_redirects_refresh_the_cache(client, cached):
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    edits = [
        lambda: Theme.objects.update_or_create(slug="economie", defaults={"name": "Économie"}),
        lambda: SiteIdentitySettings.objects.update_or_create(
            site_id=cached.get_site().pk, defaults={"phone": "02 35 00 00 01"}
        ),
        lambda: get_image_model().objects.first().save(),
        lambda: get_document_model().objects.first().save(),
        lambda: Redirect.add_redirect("/ancienne-adresse", redirect_to="/le-pole/"),
    ]
    for edit in edits:
        client.get("/")
        assert state(client.get("/")) == "HIT"
        edit()
        assert state(client.get("/")) == "MISS"
    assert "02 35 00 00 01" in client.get("/").content.decode()


def test_editing_a_setting_in_the_admin_refreshes_every_page(client, cached):
    site = cached.get_site()
    admin = User.objects.create_superuser("admin", "a@example.org", "x")
    client.get("/")
    assert state(client.get("/")) == "HIT"
    client.force_login(admin)
    identity = SiteIdentitySettings.for_site(site)
    data = nested_form_data(
        {
            "address": identity.address,
            "email": identity.email,
            "phone": "02 32 99 99 99",
            "social_links": inline_formset([]),
        }
    )
    url = f"/admin/settings/pages/siteidentitysettings/{site.pk}/"
    assert client.post(url, data).status_code == 302
    client.logout()
    response = client.get("/")
    assert state(response) == "MISS"
    assert "02 32 99 99 99" in response.content.decode()


def test_a_stale_copy_covers_for_the_database_and_says_so(client, cached, monkeypatch):
    fresh = client.get("/actualites/")
    cache.set(GENERATION_KEY, "a-later-generation", None)  # an edit made it stale

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as outage:
        outage.setattr(connection, "cursor", refuse)
        outage.setattr(connection, "chunked_cursor", refuse)
        stale = client.get("/actualites/")
        # A page never cached gets the outage page, as before.
        unknown = client.get("/le-pole/")
    assert stale.status_code == 200
    assert state(stale) == "STALE"
    assert stale.content == fresh.content
    assert stale["Cache-Control"] == "no-cache"
    assert unknown.status_code == 503
    assert unknown["Retry-After"]


def test_page_cache_off_serves_every_request_fresh(client, cached, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    response = client.get("/")
    assert state(response) is None
    assert "public" in response["Cache-Control"]


def test_a_scheduled_publication_refreshes_the_cache_when_it_goes_live(client, cached):
    import datetime
    import time

    from django.core.management import call_command
    from django.utils import timezone

    item = NewsPage.objects.live().order_by("-date").first()
    client.get("/actualites/")
    item.title = "Publication programmée"
    item.go_live_at = timezone.now() + datetime.timedelta(seconds=2)
    item.save_revision().publish()  # scheduled: nothing changes yet
    assert state(client.get("/actualites/")) == "HIT"
    time.sleep(2.1)
    call_command("publish_scheduled")
    response = client.get("/actualites/")
    assert state(response) == "MISS"
    assert "Publication programmée" in response.content.decode()

"""A press release under embargo appears nowhere before its time, on every surface a reader,
a journalist, a crawler or a cache can reach, and everywhere once the scheduler has run.

The release is published by an editor with a go-live time ten minutes ahead (time stands
still meanwhile); `publish_scheduled`, the scheduler's command, runs thirty seconds after it.
"""

import datetime
import io
from html import unescape

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

import pytest
import time_machine

from news.models import NewsDocument, NewsPage, NewsType
from partners.models import PartnerPage
from pole_site.page_cache import STATUS_HEADER
from tests.acts.helpers import upload
from tests.news.helpers import news_index

TITLE = "Embargo : le Pôle signe la convention Zéphyrine"
WORD = "zephyrine"  # found by the site search, accents aside, once the release is online
NOW = timezone.make_aware(datetime.datetime(2026, 12, 1, 9, 0))
GO_LIVE = NOW + datetime.timedelta(minutes=10)
SCHEDULER_RUN = GO_LIVE + datetime.timedelta(seconds=30)
SURFACES = {
    "listing": "/actualites/",
    "press releases": "/actualites/?type=communique",
    "home": "/",
    "press room": "/espace-presse/",
    "news RSS": "/actualites/rss/",
    "news Atom": "/actualites/atom/",
    "press RSS": "/espace-presse/rss/",
    "press Atom": "/espace-presse/atom/",
    "search": f"/recherche/?q={WORD}",
    "sitemap": "/sitemap.xml",
    "news sitemap": "/sitemap-actualites.xml",
    "site map": "/plan-du-site/",
    "partner page": "/partenaires/lsn/",
}


@pytest.fixture
def embargoed(demo):
    """The release, scheduled; its document attached; one partner concerned."""
    with time_machine.travel(NOW, tick=False):
        release = NewsPage(
            title=TITLE,
            slug="convention-zephyrine",
            date=GO_LIVE.date(),
            news_type=NewsType.PRESS_RELEASE,
            intro="La convention Zéphyrine engage le Pôle pour trois ans.",
            live=False,
        )
        release.related_partners = list(PartnerPage.objects.filter(slug="lsn"))
        release.documents = [NewsDocument(document=upload("Convention Zephyrine"))]
        news_index().add_child(instance=release)
        release.go_live_at = GO_LIVE
        release.save_revision().publish()
        release.refresh_from_db()
    assert not release.live
    return release


def shows(client, path, release):
    response = client.get(path)
    assert response.status_code == 200, path
    html = unescape(response.content.decode())
    return TITLE in html or release.url in html


def go_live():
    with time_machine.travel(SCHEDULER_RUN, tick=False):
        call_command("publish_scheduled", stdout=io.StringIO())


@pytest.mark.parametrize("surface", SURFACES)
def test_nowhere_before_its_time_everywhere_after(client, embargoed, surface):
    path = SURFACES[surface]
    with time_machine.travel(GO_LIVE - datetime.timedelta(seconds=1), tick=False):
        assert not shows(client, path, embargoed)
    go_live()
    with time_machine.travel(SCHEDULER_RUN, tick=False):
        assert shows(client, path, embargoed)


def test_its_address_and_its_share_preview_give_nothing_away(client, embargoed):
    """A crawler fetching the address (a share preview) gets a plain « not found », with
    neither the title nor the share card; then the page once it is online."""
    with time_machine.travel(NOW, tick=False):
        response = client.get(embargoed.url)
    assert response.status_code == 404
    body = unescape(response.content.decode())
    assert TITLE not in body and "og:title" not in body
    go_live()
    with time_machine.travel(SCHEDULER_RUN, tick=False):
        response = client.get(embargoed.url)
    assert response.status_code == 200
    assert f'<meta property="og:title" content="{TITLE}">' in unescape(response.content.decode())


def test_its_document_is_not_served_before_its_time(client, embargoed):
    document = embargoed.documents.get().document
    with time_machine.travel(NOW, tick=False):
        assert client.get(document.url).status_code == 404
    go_live()
    with time_machine.travel(SCHEDULER_RUN, tick=False):
        assert client.get(document.url).status_code == 200


def test_cached_pages_take_it_the_moment_it_goes_live(client, embargoed, settings):
    """Pages cached during the embargo are replaced at once when the scheduler publishes it,
    on every worker (the cache generation is renewed)."""
    settings.PAGE_CACHE_SECONDS = 600
    paths = [SURFACES[name] for name in ("listing", "home", "press room", "press RSS")]
    with time_machine.travel(GO_LIVE - datetime.timedelta(minutes=1), tick=False):
        for path in paths:
            client.get(path)
            response = client.get(path)
            assert response[STATUS_HEADER] == "HIT", path
            assert TITLE not in unescape(response.content.decode()), path
    go_live()
    with time_machine.travel(SCHEDULER_RUN, tick=False):
        for path in paths:
            response = client.get(path)
            assert response[STATUS_HEADER] == "MISS", path
            assert TITLE in unescape(response.content.decode()), path


def test_the_cdn_is_told_at_go_live(
    embargoed, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """The scheduler's publication purges the listings, feeds and pages that now show it
    (tests/test_varnish.py checks it against a real Varnish)."""
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "pole_site.frontend_cache.VarnishBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }
    purged = []
    monkeypatch.setattr(
        "pole_site.frontend_cache.purge_urls_from_cache",
        lambda urls, backends=None: purged.extend(urls),
    )
    with django_capture_on_commit_callbacks(execute=True):
        go_live()
    paths = {url.split("://", 1)[1].split("/", 1)[1] for url in purged}
    for path in [
        "actualites/",
        "actualites/rss/",
        "espace-presse/",
        "espace-presse/atom/",
        "",
        "partenaires/lsn/",
        "sitemap.xml",
        embargoed.url.lstrip("/"),
    ]:
        assert path in paths, (path, sorted(paths))


def test_editors_see_it_is_under_embargo(client, embargoed):
    client.force_login(get_user_model().objects.create_superuser("chef", "c@example.invalid", "x"))
    with time_machine.travel(NOW, tick=False):
        edit = unescape(client.get(f"/admin/pages/{embargoed.pk}/edit/").content.decode())
        dashboard = unescape(client.get("/admin/").content.decode())
    assert "Sous embargo jusqu'au 1er décembre 2026 à 9 h 10" in edit
    assert "Sous embargo jusqu'au 1er décembre 2026 à 9 h 10" in dashboard
    assert TITLE in dashboard
    go_live()
    with time_machine.travel(SCHEDULER_RUN, tick=False):
        assert (
            "Sous embargo" not in client.get(f"/admin/pages/{embargoed.pk}/edit/").content.decode()
        )
        assert "Sous embargo" not in client.get("/admin/").content.decode()

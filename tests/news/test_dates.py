"""An article's dates, the same wherever they are read: its page, its structured data, its
feed entry and the sitemap. They tell when the content changed, never when it was loaded."""

import datetime
import json
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from news.models import NewsPage

from .helpers import ACCORDS, POCE, SEED_ARTICLES, clean, soup

SITE = settings.SITE_URL
PARIS = ZoneInfo("Europe/Paris")
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def dates_everywhere(client, path):
    """(JSON-LD dateModified, Atom <updated>, sitemap <lastmod>) of one article."""
    page = soup(client.get(path))
    (article,) = [
        data
        for script in page.find_all("script", type="application/ld+json")
        if (data := json.loads(script.string))["@type"] == "NewsArticle"
    ]
    feed = ET.fromstring(client.get("/actualites/atom/").content)  # noqa: S314
    (entry,) = [e for e in feed.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}id") == SITE + path]
    sitemap = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314
    (lastmod,) = [
        url.findtext(f"{SITEMAP}lastmod")
        for url in sitemap.iter(f"{SITEMAP}url")
        if url.findtext(f"{SITEMAP}loc") == SITE + path
    ]
    return (
        datetime.datetime.fromisoformat(article["dateModified"]),
        datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated")),
        datetime.date.fromisoformat(lastmod),
    )


def test_the_demo_gives_the_seeds_dates(client, demo):
    for path in SEED_ARTICLES:
        page = NewsPage.objects.get(url_path__endswith=path)
        modified, updated, lastmod = dates_everywhere(client, path)
        expected = page.updated_on or page.date
        assert modified == updated == datetime.datetime.combine(expected, datetime.time(9), PARIS)
        assert lastmod == expected, path


def test_publishing_a_change_moves_every_date_together(client, demo):
    page = NewsPage.objects.get(url_path__endswith=POCE)
    page.intro = page.intro + " (précision ajoutée)"
    page.save_revision().publish()
    page.refresh_from_db()
    modified, updated, lastmod = dates_everywhere(client, POCE)
    assert modified == updated == page.last_published_at
    assert lastmod == timezone.localdate(page.last_published_at)
    assert timezone.now() - modified < datetime.timedelta(minutes=1)


def test_the_update_date_an_editor_sets_is_the_one_everywhere(client, demo):
    page = NewsPage.objects.get(url_path__endswith=ACCORDS)
    page.updated_on = datetime.date(2021, 3, 15)
    page.save_revision().publish()
    modified, updated, lastmod = dates_everywhere(client, ACCORDS)
    assert modified == updated == datetime.datetime(2021, 3, 15, 9, tzinfo=PARIS)
    assert lastmod == datetime.date(2021, 3, 15)
    shown = {
        clean(row.dt): clean(row.dd)
        for row in soup(client.get(ACCORDS)).select(".news-article__dates div")
    }
    assert shown["Dernière mise à jour"] == "15 mars 2021"

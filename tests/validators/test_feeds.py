"""Every feed read by feedparser (what feed readers build on) and checked against the elements
RFC 4287 (Atom) and RSS 2.0 require: a reader must accept them without guessing."""

import datetime
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

from django.conf import settings

import feedparser
import pytest

from news.models import NewsPage

SITE = settings.SITE_URL
ATOM = "{http://www.w3.org/2005/Atom}"
ATOM_FEEDS = ["/actualites/atom/", "/espace-presse/atom/"]
RSS_FEEDS = ["/actualites/rss/", "/espace-presse/rss/"]


def fetch(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content


def rfc3339(text):
    """A date-time of RFC 3339 (§3.3 of RFC 4287): with its time zone."""
    value = datetime.datetime.fromisoformat(text)
    assert value.utcoffset() is not None, text
    return value


@pytest.mark.parametrize("path", ATOM_FEEDS + RSS_FEEDS)
def test_feedparser_reads_every_feed_without_complaint(client, demo, path):
    parsed = feedparser.parse(fetch(client, path))
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == ("atom10" if "atom" in path else "rss20")
    assert parsed.feed.language.startswith("fr")
    assert parsed.entries
    for entry in parsed.entries:
        assert entry.link.startswith(f"{SITE}/actualites/")
        assert entry.id == entry.link
        assert entry.published_parsed and entry.title and entry.summary


@pytest.mark.parametrize("path", ATOM_FEEDS)
def test_atom_has_what_rfc_4287_requires(client, demo, path):
    feed = ET.fromstring(fetch(client, path))  # noqa: S314 (the site's own feed)
    # §4.1.1: id, title, updated; an author since not every entry has one; a self link.
    assert feed.findtext(f"{ATOM}id")
    assert feed.findtext(f"{ATOM}title")
    rfc3339(feed.findtext(f"{ATOM}updated"))
    author = feed.find(f"{ATOM}author")
    assert author is not None
    assert author.findtext(f"{ATOM}name") == "Pôle Métropolitain Rouen Seine Eure"
    links = {link.get("rel", "alternate"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"] == f"{SITE}{path}"
    assert links["alternate"] == f"{SITE}{path.removesuffix('atom/')}"
    ids = set()
    for entry in feed.findall(f"{ATOM}entry"):
        # §4.1.2: id (unique), title, updated; a link, as there is no content element.
        entry_id = entry.findtext(f"{ATOM}id")
        assert entry_id and entry_id not in ids
        ids.add(entry_id)
        assert entry.findtext(f"{ATOM}title")
        updated = rfc3339(entry.findtext(f"{ATOM}updated"))
        assert updated >= rfc3339(entry.findtext(f"{ATOM}published"))
        alternate = [
            link
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        assert len(alternate) == 1 and alternate[0].get("href").startswith(SITE)
        for enclosure in entry.findall(f"{ATOM}link[@rel='enclosure']"):
            assert enclosure.get("href").startswith(f"{SITE}/documents/")
            assert int(enclosure.get("length")) > 0 and enclosure.get("type")


@pytest.mark.parametrize("path", RSS_FEEDS)
def test_rss_has_what_rss_2_requires(client, demo, path):
    channel = ET.fromstring(fetch(client, path)).find("channel")  # noqa: S314
    for element in ("title", "link", "description"):
        assert channel.findtext(element), element
    assert channel.findtext("link") == f"{SITE}{path.removesuffix('rss/')}"
    for item in channel.findall("item"):
        assert item.findtext("title") and item.findtext("link").startswith(SITE)
        assert item.find("guid").get("isPermaLink") == "true"
        published = parsedate_to_datetime(item.findtext("pubDate"))  # RFC 822, with its zone
        assert published.utcoffset() is not None
        # RSS 2.0: at most one enclosure, with its address, size in bytes and type.
        enclosures = item.findall("enclosure")
        assert len(enclosures) <= 1
        for enclosure in enclosures:
            assert enclosure.get("url").startswith(f"{SITE}/documents/")
            assert int(enclosure.get("length")) > 0 and enclosure.get("type") == "application/pdf"


def test_the_feed_gives_the_articles_own_dates(client, demo):
    """Seed dates, not the moment the demo was loaded: 9:00 in Paris on the item's date, and
    the update date the document page states."""
    parsed = feedparser.parse(fetch(client, "/actualites/atom/"))
    for entry in parsed.entries:
        page = NewsPage.objects.get(url_path__endswith=entry.link.removeprefix(SITE))
        assert rfc3339(entry.published) == page.published_at()
        assert rfc3339(entry.updated) == page.modified_at()
        assert rfc3339(entry.updated).year < 2022  # the seeds are from 2018–2021

"""RSS and Atom feeds, as a feed reader or a newsroom's aggregator reads them."""

import datetime
import os
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

from django.conf import settings

import pytest

from news.models import NewsPage, NewsType, Theme
from tests.factories import PressContactFactory

from .helpers import ACCORDS, add_draft, add_news, add_private, add_scheduled

SITE = settings.SITE_URL  # the public address every absolute URL starts with

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PARIS = ZoneInfo("Europe/Paris")
FEEDS = {
    "/actualites/rss/": "application/rss+xml; charset=utf-8",
    "/actualites/atom/": "application/atom+xml; charset=utf-8",
    "/espace-presse/rss/": "application/rss+xml; charset=utf-8",
    "/espace-presse/atom/": "application/atom+xml; charset=utf-8",
}
ACCORDS_FILES = ["accord-cadre-mel.pdf", "accord-cadre-amiens.pdf", "accord-cadre-dunkerque.pdf"]


def fixture_size(filename):
    return os.path.getsize(settings.BASE_DIR / "fixtures" / "media" / "documents" / filename)


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == FEEDS[url]
    return ET.fromstring(response.content)  # noqa: S314 - the site's own feed


def rss_items(client, url):
    return feed(client, url).find("channel").findall("item")


def atom_entries(client, url):
    return feed(client, url).findall(f"{ATOM}entry")


def rss_titles(client, url):
    return [item.findtext("title") for item in rss_items(client, url)]


def atom_titles(client, url):
    return [entry.findtext(f"{ATOM}title") for entry in atom_entries(client, url)]


def seed(title_start):
    return NewsPage.objects.get(title__startswith=title_start)


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_are_well_formed_french_xml(client, demo, url):
    root = feed(client, url)
    if url.endswith("/rss/"):
        assert root.tag == "rss"
        assert root.get("version") == "2.0"
        channel = root.find("channel")
        assert channel.findtext("language") == "fr"
        section = url.removesuffix("rss/")
        assert channel.findtext("link") == f"{SITE}{section}"
        assert channel.find(f"{ATOM}link").get("href") == f"{SITE}{url}"
        assert channel.findtext("title").startswith("Pôle Métropolitain Rouen Seine Eure – ")
    else:
        assert root.tag == f"{ATOM}feed"
        section = url.removesuffix("atom/")
        links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
        assert links == {
            "alternate": f"{SITE}{section}",
            "self": f"{SITE}{url}",
        }
        assert root.findtext(f"{ATOM}subtitle")
    assert root.get(XML_LANG) == "fr"


def test_rss_items_carry_what_a_reader_needs(client, demo):
    items = rss_items(client, "/actualites/rss/")
    pages = list(NewsPage.objects.order_by("-date"))
    assert [item.findtext("title") for item in items] == [page.title for page in pages]
    for item, page in zip(items, pages, strict=True):
        url = f"{SITE}{page.url}"
        assert item.findtext("link") == url
        guid = item.find("guid")
        assert guid.text == url
        assert guid.get("isPermaLink") == "true"
        # The date the item gives, not the day it was typed into the site.
        published = parsedate_to_datetime(item.findtext("pubDate"))
        assert published.astimezone(PARIS).date() == page.date
        assert item.findtext("description") == page.intro
        assert sorted(c.text for c in item.findall("category")) == sorted(
            theme.name for theme in page.themes.all()
        )


def test_atom_entries_carry_what_a_reader_needs(client, demo):
    entries = atom_entries(client, "/actualites/atom/")
    pages = list(NewsPage.objects.order_by("-date"))
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [p.title for p in pages]
    for entry, page in zip(entries, pages, strict=True):
        url = f"{SITE}{page.url}"
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href") == url
        assert entry.findtext(f"{ATOM}id") == url
        published = datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
        assert published.astimezone(PARIS).date() == page.date
        assert datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        assert entry.findtext(f"{ATOM}summary") == page.intro
        assert sorted(c.get("term") for c in entry.findall(f"{ATOM}category")) == sorted(
            theme.name for theme in page.themes.all()
        )


def test_atom_gives_every_document_of_seed_004(client, demo):
    entry = next(
        e
        for e in atom_entries(client, "/actualites/atom/")
        if e.findtext(f"{ATOM}title").startswith("Accords-cadres")
    )
    enclosures = entry.findall(f"{ATOM}link[@rel='enclosure']")
    assert [link.get("href").rsplit("/", 1)[1] for link in enclosures] == ACCORDS_FILES
    for link, filename in zip(enclosures, ACCORDS_FILES, strict=True):
        assert link.get("href").startswith(f"{SITE}/documents/")
        assert link.get("type") == "application/pdf"
        assert link.get("length") == str(fixture_size(filename))


def test_rss_gives_one_enclosure_for_seed_004(client, demo):
    """RSS 2.0 allows one enclosure an item: the first document, with its real size."""
    item = next(
        i
        for i in rss_items(client, "/actualites/rss/")
        if i.findtext("title").startswith("Accords-cadres")
    )
    (enclosure,) = item.findall("enclosure")
    assert enclosure.get("url").startswith(f"{SITE}/documents/")
    assert enclosure.get("url").endswith("/accord-cadre-mel.pdf")
    assert enclosure.get("type") == "application/pdf"
    assert enclosure.get("length") == str(fixture_size("accord-cadre-mel.pdf"))


def test_enclosure_size_does_not_depend_on_page_views(client, demo):
    """The feed gives the same size whether or not someone has opened the article first."""
    before = rss_items(client, "/actualites/rss/")
    client.get(ACCORDS)
    after = rss_items(client, "/actualites/rss/")

    def lengths(items):
        return [e.get("length") for item in items for e in item.findall("enclosure")]

    assert lengths(before) == lengths(after) == [str(fixture_size("accord-cadre-mel.pdf"))]


def test_items_without_documents_have_no_enclosure(client, demo):
    for item in rss_items(client, "/actualites/rss/"):
        if not item.findtext("title").startswith("Accords-cadres"):
            assert item.find("enclosure") is None
    for entry in atom_entries(client, "/actualites/atom/"):
        if not entry.findtext(f"{ATOM}title").startswith("Accords-cadres"):
            assert entry.find(f"{ATOM}link[@rel='enclosure']") is None


def test_author_appears_for_items_with_a_contact(client, demo):
    with_contact = {seed("Normandie").title, seed("Grand Est").title}
    for item in rss_items(client, "/actualites/rss/"):
        creator = item.findtext(f"{DC}creator")
        if item.findtext("title") in with_contact:
            assert creator == "Emmanuel Georges Picot"
        else:
            assert creator is None
            assert item.find("author") is None
    for entry in atom_entries(client, "/actualites/atom/"):
        name = entry.findtext(f"{ATOM}author/{ATOM}name")
        if entry.findtext(f"{ATOM}title") in with_contact:
            assert name == "Emmanuel Georges Picot"
        else:
            assert name is None


def test_press_contact_with_an_email_in_the_feeds(client, demo):
    contact = PressContactFactory(name="Claire Martin", role="", email="presse@example.invalid")
    add_news(
        "Communiqué du Conseil",
        datetime.date(2030, 1, 1),
        news_type=NewsType.PRESS_RELEASE,
        contact=contact,
    )
    item = rss_items(client, "/espace-presse/rss/")[0]
    assert item.findtext("author") == "presse@example.invalid (Claire Martin)"
    entry = atom_entries(client, "/espace-presse/atom/")[0]
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Claire Martin"
    assert entry.findtext(f"{ATOM}author/{ATOM}email") == "presse@example.invalid"


def test_press_feeds_carry_only_press_releases(client, demo):
    add_news("Actualité la plus récente", datetime.date(2030, 1, 2))
    add_news("Communiqué récent", datetime.date(2030, 1, 1), news_type=NewsType.PRESS_RELEASE)
    soutien = seed("Pôle Métropolitain Rouen Seine Eure : soutien").title
    assert rss_titles(client, "/espace-presse/rss/") == ["Communiqué récent", soutien]
    assert atom_titles(client, "/espace-presse/atom/") == ["Communiqué récent", soutien]
    everything = rss_titles(client, "/actualites/rss/")
    assert everything[:3] == ["Actualité la plus récente", "Communiqué récent", soutien]
    assert len(everything) == 6
    assert atom_titles(client, "/actualites/atom/") == everything


@pytest.mark.parametrize("url", FEEDS)
def test_drafts_scheduled_and_private_news_never_in_a_feed(client, demo, url):
    economie = Theme.objects.get(slug="economie")
    kwargs = {"news_type": NewsType.PRESS_RELEASE, "themes": [economie]}
    add_draft("Brouillon", datetime.date(2030, 1, 1), **kwargs)
    add_scheduled("Annonce programmée", datetime.date(2030, 1, 2), **kwargs)
    add_private("Note réservée aux élus", datetime.date(2030, 1, 3), **kwargs)
    add_news("Communiqué public", datetime.date(2030, 1, 4), **kwargs)
    titles = rss_titles(client, url) if url.endswith("/rss/") else atom_titles(client, url)
    assert titles[0] == "Communiqué public"
    content = client.get(url).content.decode()
    for title in ["Brouillon", "Annonce programmée", "Note réservée aux élus"]:
        assert title not in content

"""Every page announces the sections' feeds in its <head>, at each section's real address."""

import pytest
from bs4 import BeautifulSoup

from news.models import NewsIndexPage, PressRoomPage

pytestmark = pytest.mark.django_db


def announced_feeds(client, url="/le-pole/"):
    head = BeautifulSoup(client.get(url).content, "html.parser").head
    return {(link["title"], link["href"]) for link in head.find_all("link", rel="alternate")}


def test_the_feeds_follow_the_sections_address(client, demo):
    index = NewsIndexPage.objects.get()
    index.slug = "infos"
    index.save_revision().publish()
    feeds = announced_feeds(client)
    assert ("Actualités (RSS)", "/infos/rss/") in feeds
    assert ("Actualités (Atom)", "/infos/atom/") in feeds
    assert ("Communiqués de presse (Atom)", "/espace-presse/atom/") in feeds
    assert client.get("/infos/rss/").status_code == 200


def test_no_feed_is_announced_for_an_unpublished_section(client, demo):
    PressRoomPage.objects.get().unpublish()
    titles = {title for title, _ in announced_feeds(client)}
    assert titles == {
        "Actualités (RSS)",
        "Actualités (Atom)",
        "Actes et délibérations (RSS)",
        "Actes et délibérations (Atom)",
    }

"""What the news tests share: the demo articles, reading pages as a visitor, adding items."""

import datetime
import os
from html import unescape

from django.conf import settings
from django.utils import timezone

from wagtail.models import PageViewRestriction

from bs4 import BeautifulSoup

from news.models import NewsIndexPage, NewsPage
from tests.factories import NewsPageFactory

INDEX_URL = "/actualites/"
PRESS_URL = "/espace-presse/"
SOUTIEN = "/actualites/soutien-renouvele-poles-de-competitivite-et-filieres/"  # seed 001
POCE = "/actualites/grand-est-signature-du-poce-avec-l-eurometropole-de-strasbourg/"  # seed 002
TERRITOIRES = "/actualites/normandie-10-territoires-d-industrie-labellises/"  # seed 003
ACCORDS = "/actualites/accords-cadres-signes-entre-la-region-et-les-poles-regionaux/"  # seed 004
SEED_ARTICLES = [SOUTIEN, POCE, TERRITOIRES, ACCORDS]


def text(response):
    """The page as a reader sees its characters: entities decoded, no-break spaces as spaces."""
    html = unescape(response.content.decode())
    return html.replace("\xa0", " ").replace("\u202f", " ")


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def clean(element):
    """An element's visible text, with its whitespace collapsed."""
    return " ".join(element.get_text(" ").replace("\xa0", " ").replace("\u202f", " ").split())


def card_titles(tag):
    """The titles of the news cards inside `tag`, in the order a reader sees them."""
    return [clean(link) for link in tag.select(".news-card .card__link")]


def page_at(url):
    """The news item a `/actualites/<slug>/` address shows."""
    return NewsPage.objects.get(slug=url.rstrip("/").rsplit("/", 1)[1])


def news_index():
    return NewsIndexPage.objects.get()


def add_news(title, date, *, themes=(), **fields):
    """A published news item in the news section."""
    page = NewsPageFactory(
        parent=news_index(), title=title, date=date, themes=list(themes), **fields
    )
    saved = NewsPage.objects.get(pk=page.pk).themes.values_list("pk", flat=True)
    assert sorted(saved) == sorted(theme.pk for theme in themes)
    return page


def add_draft(title, date, **kwargs):
    """Saved by an editor but never published."""
    page = add_news(title, date, live=False, **kwargs)
    page.save_revision()
    return page


def add_scheduled(title, date, **kwargs):
    """Published by an editor with a go-live date next week: not online yet."""
    page = add_news(title, date, live=False, **kwargs)
    page.go_live_at = timezone.now() + datetime.timedelta(days=7)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    return page


def add_private(title, date, **kwargs):
    """Published, but restricted to logged-in users."""
    page = add_news(title, date, **kwargs)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


def fixture_size(filename):
    """The size in bytes of a document the demo loads from fixtures/media/documents."""
    return os.path.getsize(settings.BASE_DIR / "fixtures" / "media" / "documents" / filename)


def meta(page, key):
    """The content of a page's <meta> of that Open Graph property or name, None without one."""
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def get_content_page(client, url):
    """GET a public page and check what every one has: status 200, exactly one h1, and a
    breadcrumb trail unless it is the home page."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert html.count("<h1") == 1, url
    if url != "/":
        assert 'aria-label="Vous êtes ici"' in html, url
    return response

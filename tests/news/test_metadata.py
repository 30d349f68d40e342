"""What machines read of the news pages: structured data for search engines, sharing
previews, and the feeds every page announces."""

import datetime
import json

from django.conf import settings

from wagtail.images import get_image_model

import pytest

from .helpers import (
    ACCORDS,
    INDEX_URL,
    PRESS_URL,
    SEED_ARTICLES,
    add_news,
    meta,
    page_at,
    soup,
)

SITE = settings.SITE_URL  # the public address every absolute URL starts with


def structured_data(response, kind="NewsArticle"):
    """The page's one JSON-LD block of that schema.org type (a breadcrumb trail comes too)."""
    blocks = [
        json.loads(script.string)
        for script in soup(response).find_all("script", type="application/ld+json")
    ]
    matching = [block for block in blocks if block["@type"] == kind]
    assert len(matching) == 1, [block["@type"] for block in blocks]
    return matching[0]


@pytest.mark.parametrize("url", SEED_ARTICLES)
def test_structured_data_describes_the_article(client, demo, url):
    response = client.get(url)
    data = structured_data(response)
    page = page_at(url)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == page.title
    assert data["description"] == page.intro
    # Full datetimes with the time zone, the editorial date's morning, as in the feeds.
    published = datetime.datetime.fromisoformat(data["datePublished"])
    assert (published.date(), published.hour) == (page.date, 9)
    assert published.utcoffset() is not None
    modified = datetime.datetime.fromisoformat(data["dateModified"])
    assert modified >= published
    assert data["inLanguage"] == "fr"
    assert data["url"] == f"{SITE}{url}"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": data["url"]}
    assert data["url"] == meta(soup(response), "og:url")  # the same address everywhere
    assert data["image"] == [meta(soup(response), "og:image")]
    assert data["publisher"]["@type"] == "GovernmentOrganization"
    assert data["publisher"]["name"] == "Pôle Métropolitain Rouen Seine Eure"
    assert data["publisher"]["logo"]["url"] == f"{SITE}/static/img/logo.svg"
    if page.contact:
        assert data["author"] == [{"@type": "Person", "name": "Emmanuel Georges Picot"}]
    else:
        # No person signs it: the Pôle is the author.
        assert data["author"] == [
            {
                "@type": "GovernmentOrganization",
                "name": "Pôle Métropolitain Rouen Seine Eure",
                "url": f"{SITE}/",
            }
        ]


def test_structured_data_gives_the_update_date_readers_see(client, demo):
    """Seed 004 shows "Dernière mise à jour : 1er octobre 2020"; search engines must agree."""
    data = structured_data(client.get(ACCORDS))
    assert data["dateModified"][:10] == "2020-10-01"


def test_structured_data_cannot_be_broken_out_of(client, demo):
    title = "Chiffres </script><script>alert(1)</script> & <!-- 2024"
    page = add_news(title, datetime.date(2024, 1, 5), intro='« Guillemets » et "doubles"')
    response = client.get(page.url)
    assert "<script>alert(1)</script>" not in response.content.decode()
    data = structured_data(response)
    assert data["headline"] == title
    assert data["description"] == '« Guillemets » et "doubles"'


@pytest.mark.parametrize("url", SEED_ARTICLES)
def test_sharing_previews(client, demo, url):
    page = soup(client.get(url))
    item = page_at(url)
    assert meta(page, "og:title") == item.title
    assert meta(page, "og:type") == "article"
    assert meta(page, "og:url") == f"{SITE}{url}"
    published = datetime.datetime.fromisoformat(meta(page, "article:published_time"))
    assert published == item.published_at()
    assert (
        datetime.datetime.fromisoformat(meta(page, "article:modified_time")) == item.modified_at()
    )
    # The seeds have no image: the card shows the site's default one.
    assert meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "og:image") == f"{SITE}/static/img/partage.png"


def test_sharing_preview_with_an_image(client, demo):
    image = get_image_model().objects.first()
    image.description = "Le pont Flaubert à Rouen"
    image.save()
    page = add_news("Avec photo", datetime.date(2024, 2, 1), image=image)
    response = client.get(page.url)
    html = soup(response)
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "og:image").startswith(f"{SITE}/")
    assert meta(html, "og:image:alt") == "Le pont Flaubert à Rouen"
    # The photo's author comes with it (the demo's first image is credited).
    (image_data,) = structured_data(response)["image"]
    assert image_data["url"] == meta(html, "og:image")
    assert image_data["creditText"] == image.credit != ""
    assert client.get(meta(html, "og:image").removeprefix(SITE)).status_code == 200


@pytest.mark.parametrize("url", ["/", INDEX_URL, ACCORDS, PRESS_URL, "/le-pole/"])
def test_every_page_announces_the_feeds(client, demo, url):
    page = soup(client.get(url))
    feeds = {(link["type"], link["href"]) for link in page.head.find_all("link", rel="alternate")}
    assert ("application/rss+xml", "/actualites/rss/") in feeds
    assert ("application/atom+xml", "/actualites/atom/") in feeds
    assert ("application/rss+xml", "/espace-presse/rss/") in feeds

"""The JSON-LD of every page type, read as a search engine reads it: each block parses, has a
schema.org type, the properties that type requires, and only URLs on the public address.

extruct is not used: its current release needs jstyleson, which has no wheel, so the pinned set
would not resolve for Python 3.11.2 from wheels (`make check-pins`). Its JSON-LD extractor is
what `blocks()` does: every <script type="application/ld+json">, parsed as JSON.
"""

import datetime
import json

from django.conf import settings

from bs4 import BeautifulSoup

SITE = settings.SITE_URL
# What each type must carry (Google's required and recommended properties, schema.org).
REQUIRED = {
    "GovernmentOrganization": {"name", "url", "logo"},
    "Organization": {"name", "url", "description"},
    "NewsArticle": {
        "headline",
        "image",
        "datePublished",
        "dateModified",
        "author",
        "publisher",
        "url",
    },
    "Event": {"name", "startDate", "endDate", "eventStatus", "description", "url"},
    "BreadcrumbList": {"itemListElement"},
}
# The types each page kind publishes: the Pôle on the home page, the trail on every inner
# page, and their own type for articles and partners; nothing on the search results.
EXPECTED = {
    "home": {"GovernmentOrganization"},
    "news": {"BreadcrumbList", "NewsArticle"},
    "partner": {"BreadcrumbList", "Organization"},
    "event": {"BreadcrumbList", "Event"},
    "search": set(),
}


def blocks(html):
    return [
        json.loads(script.string)
        for script in BeautifulSoup(html, "html.parser").find_all(
            "script", type="application/ld+json"
        )
    ]


def urls_in(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from urls_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from urls_in(item)
    elif isinstance(value, str) and value.startswith(("http://", "https://")):
        yield value


def test_every_page_type_has_complete_structured_data(rendered):
    for kind, html in rendered.items():
        found = blocks(html)
        types = {block["@type"] for block in found}
        assert types == EXPECTED.get(kind, {"BreadcrumbList"}), kind
        for block in found:
            assert block["@context"] == "https://schema.org"
            missing = REQUIRED[block["@type"]] - {key for key, value in block.items() if value}
            assert not missing, (kind, block["@type"], missing)
            for url in urls_in(block):
                if url.startswith("https://schema.org"):
                    continue
                assert url.startswith(f"{SITE}/"), (kind, url)


def test_articles_name_their_author_and_publisher_with_a_logo(rendered):
    (article,) = [block for block in blocks(rendered["news"]) if block["@type"] == "NewsArticle"]
    assert all(author["name"] for author in article["author"])
    assert article["publisher"]["logo"]["url"].startswith(SITE)
    for key in ("datePublished", "dateModified"):
        assert datetime.datetime.fromisoformat(article[key]).utcoffset() is not None
    # Seed 004 says « Dernière mise à jour : 1er octobre 2020 ».
    assert article["dateModified"].startswith("2020-10-01T")


def test_every_partner_has_a_description(client, demo):
    from partners.models import PartnerPage

    for partner in PartnerPage.objects.live():
        (organization,) = [
            block
            for block in blocks(client.get(partner.url).content.decode())
            if block["@type"] == "Organization"
        ]
        assert organization["description"].strip(), partner.title
        assert organization["url"] == (partner.website or f"{SITE}{partner.url}")

"""JSON-LD for <script type="application/ld+json"> data blocks (not executed, so CSP-safe).

Every type the site publishes is built here, from the same pieces (the Pôle as publisher and
default author, absolute URLs on the site's public address, full datetimes), so that they stay
consistent and a new type (an event, an act) starts from them.
"""

import json

from django.conf import settings
from django.templatetags.static import static
from django.utils.safestring import mark_safe

from .public_address import absolute_url, root_url

# As django.utils.html.json_script: nothing in the data can close the block early.
ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

PUBLISHER_NAME = settings.WAGTAIL_SITE_NAME
LOGO = "img/logo.svg"


def json_ld(data):
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(ESCAPES))  # noqa: S308


def publisher(request, logo=True):
    """The Pôle: publisher of every article, and its author when no person signs it."""
    data = {
        "@type": "GovernmentOrganization",
        "name": PUBLISHER_NAME,
        "url": root_url(request) + "/",
    }
    if logo:
        data["logo"] = {"@type": "ImageObject", "url": absolute_url(request, static(LOGO))}
    return data


def organization(request, identity, home):
    """schema.org GovernmentOrganization for the Pôle, from what editors set in the admin."""
    data = {
        "@context": "https://schema.org",
        **publisher(request, logo=False),
        "logo": absolute_url(request, identity.get("logo_url") or static(LOGO)),
    }
    if home.intro:
        data["description"] = home.intro
    if identity.get("address"):
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": " ".join(identity["address"].split()),
            "addressCountry": "FR",
        }
    if identity.get("email"):
        data["email"] = identity["email"]
    if identity.get("phone"):
        data["telephone"] = identity["phone"]
    if identity.get("social_links"):
        data["sameAs"] = [link["url"] for link in identity["social_links"]]
    return json_ld(data)


def breadcrumb_list(request, ancestors, page):
    """schema.org BreadcrumbList: the same trail as the visible breadcrumb."""
    trail = [*ancestors, page]
    return json_ld(
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": "Accueil" if item.depth == 2 else item.title,
                    "item": item.get_full_url(request),
                }
                for position, item in enumerate(trail, start=1)
            ],
        }
    )


def image_object(image):
    """The share image as JSON-LD gives it: its address, and when it has one its author's
    credit (schema.org `creditText`, `copyrightNotice`) and its licence when that is an
    address (`license`)."""
    if not image.get("credit"):
        return image["url"]
    data = {
        "@type": "ImageObject",
        "url": image["url"],
        "contentUrl": image["url"],
        "creditText": image["credit"],
        "copyrightNotice": f"© {image['credit']}",
    }
    if image.get("licence", "").startswith(("http://", "https://")):
        data["license"] = image["licence"]
    return data


def news_article(request, page, image):
    """schema.org NewsArticle: the fields search engines require and recommend, the same dates
    as the page, its feed entry and the sitemap (`published_at`, `modified_at`), and `image`
    (the share card the page's meta tags give: the article's picture, else the site's)."""
    url = page.get_full_url(request)
    author = (
        {"@type": "Person", "name": page.contact.name}
        if page.contact
        else publisher(request, logo=False)
    )
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.get_summary_text(),
        "image": [image_object(image)],
        "datePublished": page.published_at().isoformat(),
        "dateModified": page.modified_at().isoformat(),
        "author": [author],
        "publisher": publisher(request),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "inLanguage": "fr",
    }
    return json_ld(data)


def partner_organization(request, page, description, logo_url=None):
    """schema.org Organization for a partner: its own site when editors gave it, else its page
    here; `description` never empty (the caller falls back on what the page states)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": page.title,
        "description": description,
        "url": page.website or page.get_full_url(request),
        "sponsor": publisher(request, logo=False),
    }
    if page.website:
        data["sameAs"] = [page.get_full_url(request)]
    if logo_url:
        data["logo"] = absolute_url(request, logo_url)
    return json_ld(data)

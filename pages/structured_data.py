"""JSON-LD for <script type="application/ld+json"> data blocks (not executed, so CSP-safe)."""

import json

from django.templatetags.static import static
from django.utils.safestring import mark_safe

# As django.utils.html.json_script: nothing in the data can close the block early.
ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

PUBLISHER_NAME = "Pôle Métropolitain Rouen Seine Eure"


def json_ld(data):
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(ESCAPES))  # noqa: S308


def publisher(request):
    return {
        "@type": "GovernmentOrganization",
        "name": PUBLISHER_NAME,
        "url": request.build_absolute_uri("/"),
    }


def organization(request, identity, home):
    """schema.org GovernmentOrganization for the Pôle, from what editors set in the admin."""
    data = {
        "@context": "https://schema.org",
        **publisher(request),
        "logo": request.build_absolute_uri(identity.get("logo_url") or static("img/logo.svg")),
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
                    "item": request.build_absolute_uri(item.get_url(request)),
                }
                for position, item in enumerate(trail, start=1)
            ],
        }
    )

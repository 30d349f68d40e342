"""JSON-LD for <script type="application/ld+json"> data blocks (not executed, so CSP-safe)."""

import json

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

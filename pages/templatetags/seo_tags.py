"""The <head> lines that decide how a page appears in search engines and social networks."""

from django import template
from django.templatetags.static import static

from wagtail.models import Page

from pages.models import HomePage
from pages.public_address import absolute_url
from pages.structured_data import breadcrumb_list, organization

from .pole_tags import page_ancestors

register = template.Library()

DEFAULT_SHARE_IMAGE = {"path": "img/partage.png", "width": 1200, "height": 630}


def canonical_url(request, page):
    """The page's own address; a listing's page number is kept, its filters are not."""
    url = page.get_full_url(request)
    number = request.GET.get("page", "")
    return (
        f"{url}?page={number}" if number.isdigit() and number.lstrip("0") not in ("", "1") else url
    )


def share_image(request, page, identity):
    """The page's own image, else the one editors set for the site, else the shipped card."""
    image = page.get_share_image() if hasattr(page, "get_share_image") else None
    if image is not None:
        rendition = image.get_rendition(page.share_image_filter)
        return {
            "url": absolute_url(request, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": image.description,
            "credit": image.credit,
            "licence": image.licence,
        }
    card = identity.get("share_image") or {
        "url": static(DEFAULT_SHARE_IMAGE["path"]),
        "width": DEFAULT_SHARE_IMAGE["width"],
        "height": DEFAULT_SHARE_IMAGE["height"],
    }
    return {**card, "url": absolute_url(request, card["url"])}


@register.inclusion_tag("components/page_meta.html", takes_context=True)
def page_meta(context):
    request = context.get("request")
    page = context.get("page")
    if request is None or not isinstance(page, Page):
        # Views that are not pages (search, errors) say themselves whether to be indexed, and
        # what they are.
        return {
            "robots": "noindex" if context.get("noindex") else "",
            "description": context.get("meta_description", ""),
        }
    identity = context.get("navigation", {}).get("identity", {})
    filtered = any(key != "page" for key in request.GET)
    if getattr(page, "hide_from_search_engines", False) or context.get("noindex"):
        robots = "noindex"
    elif filtered:
        robots = "noindex, follow"  # a filtered listing repeats pages indexed elsewhere
    else:
        robots = ""
    image = share_image(request, page, identity)
    structured_data = []
    if isinstance(page, HomePage):
        structured_data.append(organization(request, identity, page))
    elif page.depth > 2:
        structured_data.append(breadcrumb_list(request, page_ancestors(page), page))
    # The page's own type (NewsArticle, Organization…), with the same share image.
    if hasattr(page, "json_ld"):
        structured_data.append(page.json_ld(request, image))
    return {
        "page": page,
        "site_name": context.get("site_name", ""),
        "robots": robots,
        "title": page.seo_title or page.title,
        "description": page.get_meta_description() if hasattr(page, "get_meta_description") else "",
        "canonical": canonical_url(request, page),
        "og_type": getattr(page, "og_type", "website"),
        "image": image,
        "structured_data": structured_data,
    }

"""Formatting the French way: file sizes ("1,2 Mo"), document formats ("PDF – 1,2 Mo")."""

import datetime
import os
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.safestring import mark_safe

from wagtail.images.models import Picture

from pages import routing
from pages.images import SIZES, picture_renditions
from pages.models import ContactPage
from pole_site.page_cache import remember

register = template.Library()

UNITS = [("Go", 1024**3), ("Mo", 1024**2), ("ko", 1024)]


@register.filter
def filesize_fr(size):
    """Bytes as French readers expect them: "850 octets", "12 ko", "1,2 Mo"."""
    try:
        size = int(size)
    except (TypeError, ValueError):
        return ""
    for unit, factor in UNITS:
        if size >= factor:
            value = size / factor
            decimals = 0 if value >= 100 or unit == "ko" else 1
            return f"{number_format(round(value, decimals), decimals, use_l10n=True)} {unit}"
    return f"{size} octet{'s' if size > 1 else ''}"


@register.filter
def document_format(document):
    """The file type readers recognise, from the extension: "PDF", "DOCX"…"""
    return os.path.splitext(document.file.name)[1].lstrip(".").upper() or "Fichier"


@register.filter
def document_meta(document):
    """ "PDF – 1,2 Mo": what a link to a document must say before anyone downloads it."""
    # get_file_size() reads the stored size; only a document saved without it costs a query.
    size = filesize_fr(document.get_file_size())
    return f"{document_format(document)} – {size}" if size else document_format(document)


@register.filter
def print_url(url):
    """A link's address in full, as a printed page gives it after the link (static/css/
    main.css, @media print): on the site's public address, SITE_URL, which the default site
    holds (pages/public_address.py); an absolute address as it is."""
    if urlsplit(url).scheme:
        return url
    return settings.SITE_URL.rstrip("/") + "/" + url.lstrip("/")


@register.filter
def is_section_of(url, path):
    """True when `path` is a page below the menu entry `url` (the entry's section is open)."""
    return bool(url) and url != "/" and url.startswith("/") and path.startswith(url)


@register.filter
def total_size(documents):
    return sum(document.get_file_size() or 0 for document in documents)


@register.filter
def block_values(stream):
    """The values of a StreamField's blocks, for a component that also lists a ListBlock's."""
    return [child.value for child in stream]


@register.filter
def date_fr(value):
    """ "1er octobre 2020", "12 mai 2021": French dates, with the ordinal on the first day."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)  # the day in France, not in UTC
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {date_format(value, 'F Y')}"


@register.filter
def datetime_attr(value):
    """An aware datetime as HTML's `datetime` attribute takes it: to the second, with its
    offset in France ("2021-05-12T17:05:00+02:00"); HTML refuses microseconds."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.filter
def number_fr(number):
    """10004 -> "10 004", with the narrow no-break space French typography uses."""
    if number in (None, ""):
        return ""
    return f"{int(number):,}".replace(",", "\u202f")


@register.filter
def euros(amount):
    """32000 -> "32 000 €"."""
    if amount in (None, ""):
        return ""
    return number_fr(amount) + "\u00a0€"


@register.simple_tag
def page_ancestors(page):
    """The page's ancestors below Wagtail's root, for the breadcrumb and for any link to the
    parent section: read once per page, with the privacy check that served it."""
    return routing.ancestors(page)


@register.simple_tag(takes_context=True)
def responsive_image(context, image, size, **attrs):
    """`<picture>` with AVIF, WebP and a fallback in the widths of `pages.images.SIZES[size]`.

    `attrs` go on the `<img>` (alt, class, loading…), which keeps the width and height of the
    first rendition so that the page does not move as images arrive. An SVG logo cannot be
    converted to a raster format: it gets a plain `<img>`. The markup (six renditions looked
    up) is built once per worker until an edit renews the generation: any change to an image
    does.
    """
    if not image:
        return ""

    def build():
        renditions = picture_renditions(image, size)
        if image.is_svg():
            return next(iter(renditions.values())).img_tag(attrs)
        return Picture(renditions, {**attrs, "sizes": SIZES[size].sizes}).__html__()

    key = ("picture", image.pk, size, tuple(sorted(attrs.items())))
    return mark_safe(remember(context.get("request"), key, build))  # noqa: S308 (Wagtail's markup)


@register.simple_tag
def contact_page_url():
    """Where a visitor asks for an accessible version of a document: the contact form, read
    once per worker and cache generation (the documents' links need no request)."""

    def find():
        page = ContactPage.objects.live().public().only("id", "url_path").first()
        return page.url if page else ""

    return remember(None, "contact-page-url", find)

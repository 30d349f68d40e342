"""An event's dates in the page: the French phrase, each date in it a `<time datetime>`."""

from django import template
from django.utils.html import format_html, format_html_join

from wagtail.contrib.routable_page.templatetags.wagtailroutablepage_tags import routablepageurl

from pages.public_address import absolute_url

register = template.Library()


@register.simple_tag
def event_when(event):
    """ "mercredi 12 mai 2021, de <time …>17 h</time> à <time …>19 h</time>"."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html('<time datetime="{}">{}</time>', piece.datetime, piece.text),)
            if piece.datetime
            else (piece.text,)
            for piece in event.date_pieces()
        ),
    )


@register.simple_tag(takes_context=True)
def calendar_urls(context, page, name, *args):
    """The https address of one of `page`'s calendars, and its webcal:// twin, which a phone
    or a desktop calendar opens as a subscription."""
    url = absolute_url(context["request"], routablepageurl(context, page, name, *args))
    return {"https": url, "webcal": "webcal://" + url.split("://", 1)[1]}

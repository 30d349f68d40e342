"""What the news pages show of the press room: the vCard of a press release's contact."""

from django import template

from news.models import PressRoomPage, press_room_url

register = template.Library()


@register.simple_tag(takes_context=True)
def contact_vcard_url(context, contact):
    """The address of `contact`'s vCard, served by the press room; "" without one online."""
    room = press_room_url(context.get("request"))
    return room + PressRoomPage.vcard_path(contact) if room else ""

from django import template

from ..records import needs_reason

register = template.Library()


@register.filter
def needs_unpublish_reason(page):
    return needs_reason(page)

"""Views of the site itself rather than of a page type."""

import datetime

from django.conf import settings
from django.http import HttpResponse

from .models import ContactPage
from .public_address import absolute_url


def security_txt(request):
    """/.well-known/security.txt (RFC 9116): whom to tell about a vulnerability."""
    contacts = settings.SECURITY_TXT_CONTACT or [default_security_contact(request)]
    expires = settings.SECURITY_TXT_EXPIRES or (
        datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=180)
    ).replace(microsecond=0)
    lines = [
        *(f"Contact: {contact}" for contact in contacts),
        f"Expires: {expires.astimezone(datetime.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: fr, en",
        f"Canonical: {absolute_url(request, '/.well-known/security.txt')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def default_security_contact(request):
    """The site's contact form when there is one, else the address the site writes from."""
    contact = ContactPage.objects.live().public().first()
    if contact is not None:
        return contact.get_full_url(request)
    return f"mailto:{settings.DEFAULT_FROM_EMAIL}"

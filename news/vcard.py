"""Press contacts as vCards (RFC 6350, version 4.0), made with vobject: « Ajouter à mes
contacts » puts a contact's name, role, the Pôle, e-mail and direct lines in a journalist's
address book in one tap, numbers in international form so that they dial from abroad too."""

from django.conf import settings
from django.http import HttpResponse
from django.utils.text import slugify

import vobject


def vcard(contact):
    """The contact as a vCard 4.0; each number a `tel:` URI when it has an international form,
    else the text it was typed as (a vCard's TEL may be either, RFC 6350 §6.4.1)."""
    card = vobject.vCard()
    card.add("version").value = "4.0"
    card.add("fn").value = contact.name
    # Structured the way address books sort: the family name the editor gave, else the name
    # whole (never guessed from the order of the words).
    card.add("n").value = vobject.vcard.Name(
        family=contact.family_name.strip() or contact.name, given=contact.given_name
    )
    if contact.role:
        card.add("title").value = contact.role
    card.add("org").value = [settings.WAGTAIL_SITE_NAME]
    if contact.email:
        email = card.add("email")
        email.value = contact.email
        email.params["TYPE"] = ["work"]
    for phone in contact.phones:
        tel = card.add("tel")
        tel.params["TYPE"] = list(phone.vcard_types)
        if phone.international:
            tel.value = phone.international
            tel.params["VALUE"] = ["uri"]
        else:
            tel.value = phone.number
    return card


def vcard_response(contact):
    """The vCard as a file named after the contact (`camille-martin.vcf`)."""
    response = HttpResponse(
        vcard(contact).serialize().encode(), content_type="text/vcard; charset=utf-8"
    )
    filename = slugify(contact.name) or "contact"
    response["Content-Disposition"] = f'attachment; filename="{filename}.vcf"'
    return response

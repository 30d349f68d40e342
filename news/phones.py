"""Phone numbers as a journalist's phone dials them, whoever typed them and however.

Editors write a number the French way ("02 35 52 68 10", "02.35.52.68.10") or the
international way ("+33 2 35 52 68 10"); a link, and a vCard that a journalist abroad imports,
need the international form. Google's libphonenumber knows which French numbers exist, so a
number it does not recognise (a short number, a typo, another country's number written
without its code) keeps the form it was typed in rather than getting a wrong +33.
"""

from dataclasses import dataclass

import phonenumbers

# Where a number written without its country code is dialled from.
HOME_REGION = "FR"


def international_uri(number):
    """`tel:+33-2-35-52-68-10` (RFC 3966, the form RFC 6350 gives for vCards), or None when
    the number is not one libphonenumber recognises."""
    try:
        parsed = phonenumbers.parse(number, HOME_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.RFC3966)


@dataclass(frozen=True)
class Phone:
    """A number as shown (`number`, as the editor typed it) and as dialled (`uri`)."""

    label: str
    number: str
    # vCard TYPE values (RFC 6350 §6.4.1): a direct line is "work,voice", a mobile "cell".
    vcard_types: tuple
    international: str | None

    @property
    def uri(self):
        """What a link dials: the international form, else the digits as typed."""
        return self.international or "tel:" + "".join(
            character for character in self.number if character.isdigit() or character == "+"
        )

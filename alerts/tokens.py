"""The confirmation link's token: signed, so it cannot be forged, and dated, so it expires.

It carries the subscriber's key and the choice made in the form, never the address: a
confirmation sets the choice the owner of the mailbox confirms, whatever was typed into
the form since.
"""

import datetime

from django.core import signing

from .models import UNCONFIRMED_DAYS

SALT = "alerts.confirmation"
MAX_AGE = datetime.timedelta(days=UNCONFIRMED_DAYS)


class Expired(Exception):
    pass


class Invalid(Exception):
    pass


def confirmation_token(subscriber, scope):
    return signing.TimestampSigner(salt=SALT).sign_object({"k": subscriber.key, "p": scope})


def read_confirmation_token(token):
    """(key, scope) from a token; Expired after MAX_AGE, Invalid when not one of ours."""
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise Expired from None
    except signing.BadSignature:
        raise Invalid from None
    if not isinstance(data, dict) or not {"k", "p"} <= data.keys():
        raise Invalid
    return data["k"], data["p"]

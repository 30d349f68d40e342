"""Sign-in lockout (django-axes), read the way the rest of the site reads a visitor.

A password guessed from one address is locked per account *and* address: 5 failures lock
that pair for 15 minutes (AXES_FAILURE_LIMIT, AXES_COOLOFF_TIME), so nobody elsewhere can lock
an editor out of their own account by typing wrong passwords for it. An address trying many
accounts is stopped too: LOGIN_ADDRESS_FAILURE_LIMIT failures across all accounts lock the
address. Both counts are rows in the database (axes' AccessAttempt): one count for every
gunicorn worker and server, with or without Redis.

The locked-out page says the same thing whether the account exists or not.
"""

import datetime
import math

from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.models import AccessAttempt

from pole_site.client_ip import client_ip


def client_address(request):
    """AXES_CLIENT_IP_CALLABLE: the visitor's address behind the trusted proxies."""
    address = client_ip(request)
    return str(address) if address is not None else None


def account_name(request, credentials):
    """AXES_USERNAME_CALLABLE: "Admin" and "admin " count as the same account."""
    return str((credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD, "")).strip().lower()


def cooloff():
    return settings.AXES_COOLOFF_TIME


def address_failures(address):
    """Failures from this address, all accounts together, within the lockout period."""
    since = timezone.now() - cooloff()
    attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LoginLockoutBackend(AxesStandaloneBackend):
    """axes' backend, plus the per-address limit, checked before any password is hashed."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        address = client_address(request) if request is not None else None
        if address and address_failures(address) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            request.axes_locked_out = True
            raise AxesBackendPermissionDenied("Too many failed sign-ins from this address")
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a French page, 429 with Retry-After."""
    minutes = math.ceil(cooloff() / datetime.timedelta(minutes=1))
    response = render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(int(cooloff().total_seconds()))
    return response

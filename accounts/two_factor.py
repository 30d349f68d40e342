"""Two-factor authentication for the admin (django-otp: TOTP apps, recovery codes).

A password alone opens nothing but the second-factor pages: a signed-in user who has a
device, or whose role requires one, must enter a code before the admin lets them in, and until
then the public site treats them as a visitor (private pages and documents stay closed).
Editors may enrol of their own accord; with ADMIN_REQUIRE_2FA on, Validateurs and
administrators must.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode

from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from editorial.roles import REVIEWERS

RECOVERY_CODE_COUNT = 10

# Admin pages a signed-in user reaches before their second factor.
OPEN_BEFORE_VERIFICATION = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "two_factor_verify",
}
OPEN_BEFORE_ENROLMENT = {*OPEN_BEFORE_VERIFICATION, "two_factor_setup"}


def required_for(user):
    """Validateurs and administrators must use a second factor when ADMIN_REQUIRE_2FA is on."""
    if not settings.ADMIN_REQUIRE_2FA:
        return False
    return user.is_superuser or any(group.name == REVIEWERS for group in user.groups.all())


def has_authenticator(user):
    return user_has_device(user, confirmed=True)


def authenticator(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def new_recovery_codes(user):
    """Replace the user's recovery codes by RECOVERY_CODE_COUNT new single-use ones."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": "Codes de secours", "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def remove_second_factor(user):
    """Every device of the user: their authenticator app and their recovery codes."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()


def _url_name(request):
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


class TwoFactorMiddleware:
    """After django_otp's OTPMiddleware: stop unverified users at the second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return self.get_response(request)
        in_admin = request.path_info.startswith(settings.ADMIN_URL_PREFIX)
        if has_authenticator(user):
            if not in_admin:
                request.user = AnonymousUser()
            elif _url_name(request) not in OPEN_BEFORE_VERIFICATION:
                return self._redirect("two_factor_verify", request)
        elif required_for(user):
            if not in_admin:
                request.user = AnonymousUser()
            elif _url_name(request) not in OPEN_BEFORE_ENROLMENT:
                return self._redirect("two_factor_setup", request)
        return self.get_response(request)

    def _redirect(self, url_name, request):
        return redirect(f"{reverse(url_name)}?{urlencode({'next': request.get_full_path()})}")

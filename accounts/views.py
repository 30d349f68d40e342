"""The admin pages of two-factor authentication and sign-in lockouts."""

import base64
from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

import segno
from axes.models import AccessAttempt
from axes.utils import reset as reset_attempts
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import two_factor
from .forms import CodeForm
from .lockout import cooloff

QR_CODE_TITLE = "QR code à scanner avec votre application d'authentification"


def _admin_page(request, template, title, icon, context):
    """A page in Wagtail's admin layout, whose header (and window title) shows `title`."""
    header = {"page_title": title, "header_title": title, "header_icon": icon}
    return render(request, template, {**context, **header})


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else reverse("wagtailadmin_home")


def _grouped(code):
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def verify(request):
    """Second step of signing in: a code from the app or a recovery code."""
    user = request.user
    if not user.is_authenticated:
        return redirect("wagtailadmin_login")
    if user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if device.persistent_id.startswith("otp_static"):
                left = two_factor.recovery_codes_left(user)
                messages.warning(
                    request,
                    f"Vous vous êtes connecté avec un code de secours ; il vous en reste {left}. "
                    "Générez-en de nouveaux depuis « Double authentification ».",
                )
            return redirect(_next_url(request))
        form.add_error(
            "code",
            "Ce code n'est pas valide. Vérifiez l'heure de votre téléphone et saisissez le code "
            "affiché maintenant ; après plusieurs erreurs, l'attente avant un nouvel essai "
            "s'allonge.",
        )
    return render(request, "accounts/verify.html", {"form": form, "next": _next_url(request)})


def _pending_device(user):
    """The authenticator being set up: the same secret on each visit until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="Application d'authentification", confirmed=False
        )
    return device


def setup(request):
    """Enrol an authenticator app: scan the QR code (or type the key), confirm with a code."""
    user = request.user
    if two_factor.has_authenticator(user) and not user.is_verified():
        return redirect("two_factor_verify")
    device = _pending_device(user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = two_factor.new_recovery_codes(user)
            otp_login(request, device)
            return _show_recovery_codes(request, codes, _next_url(request))
        form.add_error(
            "code",
            "Ce code ne correspond pas. Saisissez le code que l'application affiche maintenant.",
        )
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "qr_code": segno.make(device.config_url, error="m").svg_inline(
            scale=5, light="#fff", title=QR_CODE_TITLE
        ),
        "secret": _grouped(secret),
        "required": two_factor.required_for(user),
        "next": request.GET.get("next", ""),
    }
    return render(request, "accounts/setup.html", context)


def _show_recovery_codes(request, codes, next_url):
    context = {"codes": [_grouped(code) for code in codes], "next": next_url}
    return render(request, "accounts/recovery_codes.html", context)


def overview(request):
    """The user's own page: status, new recovery codes, turning it off when allowed."""
    user = request.user
    context = {
        "device": two_factor.authenticator(user),
        "codes_left": two_factor.recovery_codes_left(user),
        "required": two_factor.required_for(user),
    }
    return _admin_page(request, "accounts/overview.html", "Double authentification", "key", context)


@require_POST
def regenerate_codes(request):
    if not two_factor.has_authenticator(request.user):
        return redirect("two_factor_overview")
    codes = two_factor.new_recovery_codes(request.user)
    return _show_recovery_codes(request, codes, reverse("two_factor_overview"))


@require_POST
def disable(request):
    if two_factor.required_for(request.user):
        raise PermissionDenied
    two_factor.remove_second_factor(request.user)
    messages.success(request, "La double authentification est désactivée pour votre compte.")
    return redirect("two_factor_overview")


def _require_superuser(request):
    if not request.user.is_superuser:
        raise PermissionDenied


def accounts(request):
    """Administrators: who uses a second factor, and resetting a lost one."""
    _require_superuser(request)
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .prefetch_related("groups", "totpdevice_set")
        .order_by("last_name", "first_name", "username")
    )
    rows = [
        {
            "user": user,
            "enrolled": any(device.confirmed for device in user.totpdevice_set.all()),
            "required": two_factor.required_for(user),
        }
        for user in users
    ]
    title = "Double authentification des comptes"
    return _admin_page(request, "accounts/accounts.html", title, "key", {"rows": rows})


@require_POST
def reset(request, user_id):
    _require_superuser(request)
    user = get_object_or_404(get_user_model(), pk=user_id)
    two_factor.remove_second_factor(user)
    messages.success(
        request,
        f"Double authentification réinitialisée pour {user.get_full_name() or user.get_username()}"
        " : à sa prochaine connexion, cette personne configurera une nouvelle application.",
    )
    return redirect("two_factor_accounts")


def lockouts(request):
    """Administrators: the sign-ins locked now, and unlocking them."""
    _require_superuser(request)
    since = timezone.now() - cooloff()
    attempts = AccessAttempt.objects.filter(attempt_time__gte=since).order_by("-attempt_time")
    by_address = Counter()
    for attempt in attempts:
        by_address[attempt.ip_address] += attempt.failures_since_start
    rows = [
        {
            "attempt": attempt,
            "locked": attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT
            or by_address[attempt.ip_address] >= settings.LOGIN_ADDRESS_FAILURE_LIMIT,
        }
        for attempt in attempts
    ]
    minutes = int(cooloff().total_seconds() // 60)
    context = {"rows": rows, "minutes": minutes}
    return _admin_page(request, "accounts/lockouts.html", "Connexions bloquées", "lock", context)


@require_POST
def unlock(request, attempt_id):
    _require_superuser(request)
    attempt = get_object_or_404(AccessAttempt, pk=attempt_id)
    reset_attempts(ip=attempt.ip_address, username=attempt.username)
    messages.success(
        request, f"Connexion débloquée pour « {attempt.username} » depuis {attempt.ip_address}."
    )
    return redirect("login_lockouts")

"""A second factor for the admin: enrolment, codes, recovery codes, who must use it."""

import time

from django.core.management import call_command

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import StandardPageFactory

from .conftest import sign_in

SETUP = "/admin/double-authentification/configurer/"
VERIFY = "/admin/double-authentification/verifier/"


@pytest.fixture(autouse=True)
def required(settings):
    settings.ADMIN_REQUIRE_2FA = True


def code(device, steps_ahead=0):
    """What the phone shows now (or that many 30-second steps later: a code is used once)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def errors(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [" ".join(e.get_text().split()) for e in html.select(".error-message, .w-field__errors")]


def sign_in_again(client, username):
    """A new sign-in by password, as after closing the browser."""
    client.logout()
    assert sign_in(client, username).status_code == 302


def enrol(client, username):
    """Sign in, set up the app from the page's secret; returns the device and recovery codes."""
    assert sign_in(client, username).status_code == 302
    page = client.get(SETUP)
    secret = BeautifulSoup(page.content, "html.parser").select_one("code").get_text()
    device = TOTPDevice.objects.get(user__username=username)
    assert secret.replace(" ", "") in device.config_url
    done = client.post(SETUP, {"code": code(device)})
    assert done.status_code == 200
    codes = [c.get_text() for c in BeautifulSoup(done.content, "html.parser").select("li code")]
    return device, codes


def test_an_administrator_must_enrol_before_using_the_admin(client, make_user):
    make_user("chef", "admin")
    sign_in(client, "chef")
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP + "?next=%2Fadmin%2Fpages%2F")
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = BeautifulSoup(page.content, "html.parser")
    assert html.select_one("svg title").get_text().startswith("QR code")
    assert "Votre rôle demande une double authentification" in html.get_text()


def test_enrolment_shows_ten_recovery_codes_once(client, make_user):
    make_user("chef", "admin")
    device, codes = enrol(client, "chef")
    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.get(user__username="chef").confirmed
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_does_not_enrol(client, make_user):
    make_user("chef", "admin")
    sign_in(client, "chef")
    client.get(SETUP)
    refused = client.post(SETUP, {"code": "000000"})
    assert refused.status_code == 200
    assert any("ne correspond pas" in message for message in errors(refused))
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_signing_in_again_asks_for_a_code(client, make_user):
    make_user("chef", "admin")
    device, _ = enrol(client, "chef")
    sign_in_again(client, "chef")
    response = client.get("/admin/pages/")
    assert response["Location"].startswith(VERIFY + "?next=%2Fadmin%2Fpages%2F")
    wrong = client.post(VERIFY, {"code": "123456", "next": "/admin/pages/"})
    assert wrong.status_code == 200
    assert any("n'est pas valide" in message for message in errors(wrong))
    assert client.get("/admin/pages/").status_code == 302
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code above slowed the next try down
    device.save()
    right = client.post(VERIFY, {"code": code(device, 1), "next": "/admin/pages/"})
    assert right["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_a_recovery_code_works_once(client, make_user):
    make_user("chef", "admin")
    _, codes = enrol(client, "chef")
    sign_in_again(client, "chef")
    used = client.post(VERIFY, {"code": codes[0].upper()}, follow=True)
    assert used.status_code == 200
    assert "il vous en reste 9" in used.content.decode()
    sign_in_again(client, "chef")
    again = client.post(VERIFY, {"code": codes[0]})
    assert again.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_unsafe_next_addresses_are_ignored(client, make_user):
    make_user("chef", "admin")
    device, _ = enrol(client, "chef")
    sign_in_again(client, "chef")
    response = client.post(VERIFY, {"code": code(device, 1), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_a_password_alone_opens_no_private_page(client, make_user, home):
    private = StandardPageFactory(parent=home, title="Espace des élus", slug="elus")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    make_user("chef", "admin")
    device, _ = enrol(client, "chef")
    assert client.get("/elus/").status_code == 200
    sign_in_again(client, "chef")
    assert client.get("/elus/").status_code == 302  # to the sign-in page, as for a visitor
    client.post(VERIFY, {"code": code(device, 1)})
    assert client.get("/elus/").status_code == 200


@pytest.mark.parametrize(("role", "must"), [("reviewer", True), ("writer", False)])
def test_who_must_use_it(client, make_user, role, must):
    make_user("quelquun", role)
    sign_in(client, "quelquun")
    response = client.get("/admin/")
    assert (response.status_code == 302) is must


def test_nobody_must_when_the_setting_is_off(client, make_user, settings):
    settings.ADMIN_REQUIRE_2FA = False
    make_user("chef", "admin")
    sign_in(client, "chef")
    assert client.get("/admin/").status_code == 200


def test_an_editor_may_enrol_and_is_then_asked_for_codes(client, make_user):
    make_user("redac", "writer")
    sign_in(client, "redac")
    account = client.get("/admin/account/")
    assert "/admin/double-authentification/" in account.content.decode()
    device, _ = enrol(client, "redac")
    sign_in_again(client, "redac")
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_an_editor_may_turn_it_off_but_not_a_reviewer(client, make_user):
    make_user("redac", "writer")
    enrol(client, "redac")
    assert client.post("/admin/double-authentification/desactiver/").status_code == 302
    assert not TOTPDevice.objects.exists()
    client.logout()
    make_user("valid", "reviewer")
    enrol(client, "valid")
    client.post("/admin/double-authentification/desactiver/")
    assert TOTPDevice.objects.filter(user__username="valid").exists()


def test_new_recovery_codes_replace_the_old_ones(client, make_user):
    make_user("chef", "admin")
    _, old = enrol(client, "chef")
    page = client.post("/admin/double-authentification/codes-de-secours/")
    new = [c.get_text() for c in BeautifulSoup(page.content, "html.parser").select("li code")]
    assert len(new) == 10 and not set(new) & set(old)
    tokens = set(StaticToken.objects.values_list("token", flat=True))
    assert tokens == {c.replace(" ", "") for c in new}
    assert "no-store" in page["Cache-Control"]


def test_an_administrator_resets_a_lost_second_factor(client, make_user):
    make_user("valid", "reviewer")
    enrol(client, "valid")
    client.logout()
    call_command("reset_two_factor", "valid", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not TOTPDevice.objects.filter(user__username="valid").exists()
    assert not StaticToken.objects.filter(device__user__username="valid").exists()
    sign_in_again(client, "valid")
    assert client.get("/admin/")["Location"].startswith(SETUP)


def test_the_accounts_page_resets_from_the_admin(client, make_user, settings):
    settings.ADMIN_REQUIRE_2FA = False
    make_user("valid", "reviewer")
    enrol(client, "valid")
    client.logout()
    client.force_login(make_user("chef", "admin"))
    listing = client.get("/admin/double-authentification/comptes/")
    html = BeautifulSoup(listing.content, "html.parser")
    row = next(tr for tr in html.select("tbody tr") if "valid" in tr.get_text())
    assert "Activée" in row.get_text()
    assert client.post(row.form["action"]).status_code == 302
    assert not TOTPDevice.objects.filter(user__username="valid").exists()


def test_codes_are_throttled(client, make_user):
    make_user("chef", "admin")
    device, _ = enrol(client, "chef")
    sign_in_again(client, "chef")
    for _ in range(3):
        client.post(VERIFY, {"code": "000000"})
    # After failures, even the right code waits (django-otp's growing delay).
    client.post(VERIFY, {"code": code(device, 1)})
    assert client.get("/admin/").status_code == 302


def test_the_secret_is_never_kept_by_a_cache(client, make_user):
    make_user("chef", "admin")
    sign_in(client, "chef")
    assert "no-store" in client.get(SETUP)["Cache-Control"]

"""An administrator enrols an authenticator app, signs in with its codes and a recovery code.

The codes are computed here from the key the setup page shows, as a phone app would.
"""

import base64
import time

import pytest

from tests.browser.checks import assert_no_axe_violations
from tests.browser.conftest import DESKTOP, expect

USERNAME = "administratrice"
PASSWORD = "un mot de passe assez long"  # noqa: S105


@pytest.fixture(scope="module")
def demo_site(demo_site):
    from django.contrib.auth import get_user_model
    from django.test import override_settings

    get_user_model().objects.create_superuser(USERNAME, "admin@example.invalid", PASSWORD)
    with override_settings(ADMIN_REQUIRE_2FA=True):
        yield demo_site


def totp(secret, steps_ahead=0):
    """RFC 6238 with the app defaults (SHA-1, 6 digits, 30 s), from the base32 key."""
    import hashlib
    import hmac
    import struct

    key = base64.b32decode(secret.replace(" ", ""))
    counter = int(time.time() // 30) + steps_ahead
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def sign_in(page, base):
    page.goto(base + "/admin/login/")
    page.locator("#id_username").fill(USERNAME)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()


def submit_code(page, code):
    page.get_by_label("Code de vérification").fill(code)
    page.locator("form.login-form button[type=submit]").click()


def test_enrol_then_sign_in_with_codes(open_page, demo_site):
    page = open_page(**DESKTOP)
    sign_in(page, demo_site)
    expect(page.locator("h1")).to_have_text("Configurer la double authentification")
    expect(page.locator(".two-factor-qr svg")).to_be_visible()
    assert_no_axe_violations(page)
    secret = page.locator("main code").inner_text()

    submit_code(page, totp(secret))
    expect(page.locator("h1")).to_have_text("Vos codes de secours")
    codes = page.locator(".two-factor-codes code").all_inner_texts()
    assert len(codes) == 10
    assert_no_axe_violations(page)
    page.get_by_role("link", name="J'ai noté mes codes, continuer").click()
    page.wait_for_url(demo_site + "/admin/")

    page.context.clear_cookies()
    sign_in(page, demo_site)
    expect(page.locator("h1")).to_have_text("Vérification en deux étapes")
    submit_code(page, "000000")
    expect(page.locator("main")).to_contain_text("Ce code n'est pas valide")
    assert_no_axe_violations(page)
    page.wait_for_timeout(1100)  # one wrong code: django-otp waits a second before the next
    submit_code(page, totp(secret, steps_ahead=1))  # the setup's code cannot be replayed
    page.wait_for_url(demo_site + "/admin/")

    page.get_by_role("button", name="administratrice").click()
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url("**/admin/login/**")
    sign_in(page, demo_site)
    submit_code(page, codes[0])
    page.wait_for_url(demo_site + "/admin/")
    expect(page.locator("body")).to_contain_text("il vous en reste 9")

    page.context.clear_cookies()
    sign_in(page, demo_site)
    submit_code(page, codes[0])  # used once already
    expect(page.locator("main")).to_contain_text("Ce code n'est pas valide")

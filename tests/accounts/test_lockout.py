"""Guessing a password: five failures lock that account from that address for 15 minutes."""

import datetime

from django.core.management import call_command

from axes.models import AccessAttempt
from bs4 import BeautifulSoup

from .conftest import PASSWORD, sign_in


def signed_in(client):
    return client.get("/admin/").status_code == 200


def page_text(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").main.get_text().split())


def fail(client, username, times, address="198.51.100.7"):
    return [sign_in(client, username, "mauvais", address).status_code for _ in range(times)]


def test_five_failures_lock_the_account_from_that_address(client, make_user):
    make_user("redac", "writer")
    assert fail(client, "redac", 4) == [200] * 4
    locked = sign_in(client, "redac", "mauvais")
    assert locked.status_code == 429
    assert "Connexion suspendue" in page_text(locked)
    assert "15 minutes" in page_text(locked)
    assert locked["Retry-After"] == str(15 * 60)
    # Even the right password is refused while locked: guessing is pointless.
    assert sign_in(client, "redac").status_code == 429
    assert not signed_in(client)


def test_the_lock_does_not_reveal_whether_the_account_exists(client, make_user):
    make_user("redac", "writer")
    fail(client, "redac", 5)
    fail(client, "personne", 5, address="198.51.100.8")
    existing = sign_in(client, "redac", "mauvais")
    unknown = sign_in(client, "personne", "mauvais", address="198.51.100.8")
    assert existing.status_code == unknown.status_code == 429
    assert page_text(existing) == page_text(unknown)


def test_someone_elsewhere_cannot_lock_an_editor_out(client, make_user):
    make_user("redac", "writer")
    fail(client, "redac", 6, address="203.0.113.66")
    assert sign_in(client, "redac", address="198.51.100.7").status_code == 302
    assert signed_in(client)


def test_an_address_trying_many_accounts_is_locked(client, make_user, settings):
    make_user("redac", "writer")
    for number in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):
        assert sign_in(client, f"compte{number}", "mauvais").status_code == 200
    assert sign_in(client, "redac").status_code == 429
    assert sign_in(client, "redac", address="198.51.100.99").status_code == 302


def test_visitors_behind_the_proxy_are_counted_apart(client, make_user):
    """REMOTE_ADDR is our proxy's; the forwarded address is the visitor's."""
    make_user("redac", "writer")
    proxy = {"address": "127.0.0.1"}
    for _ in range(5):
        sign_in(client, "redac", "mauvais", HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy)
    assert AccessAttempt.objects.get().ip_address == "203.0.113.1"
    assert sign_in(client, "redac", HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy).status_code == 429
    assert sign_in(client, "redac", HTTP_X_FORWARDED_FOR="203.0.113.2", **proxy).status_code == 302


def test_the_account_name_is_counted_whatever_its_case(client, make_user):
    make_user("redac", "writer")
    for name in ["redac", "Redac", "REDAC ", "rEdac", "redaC"]:
        sign_in(client, name, "mauvais")
    assert sign_in(client, "redac").status_code == 429


def test_the_lock_ends_after_15_minutes(client, make_user):
    make_user("redac", "writer")
    fail(client, "redac", 5)
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    assert sign_in(client, "redac").status_code == 302


def test_a_success_clears_earlier_failures(client, make_user):
    make_user("redac", "writer")
    fail(client, "redac", 4)
    assert sign_in(client, "redac").status_code == 302
    client.logout()
    assert fail(client, "redac", 4) == [200] * 4


def test_unlock_command(client, make_user):
    make_user("redac", "writer")
    fail(client, "redac", 5)
    call_command("axes_reset_username", "redac", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sign_in(client, "redac").status_code == 302


def test_administrators_see_and_lift_locks_in_the_admin(client, make_user):
    make_user("redac", "writer")
    admin = make_user("chef", "admin")
    fail(client, "redac", 5)
    client.force_login(admin)
    listing = client.get("/admin/connexions-bloquees/")
    assert listing.status_code == 200
    row = BeautifulSoup(listing.content, "html.parser").select_one("table.listing tbody tr")
    cells = [" ".join(td.get_text().split()) for td in row.select("td")]
    assert cells[:3] == ["redac", "198.51.100.7", "5"]
    assert cells[4] == "Bloqué"
    unlock = row.form["action"]
    assert client.post(unlock).status_code == 302
    client.logout()
    assert sign_in(client, "redac").status_code == 302


def test_only_administrators_lift_locks(client, make_user):
    reviewer = make_user("valid", "reviewer")
    fail(client, "redac", 5)
    client.force_login(reviewer)
    # Wagtail answers a refused admin page by the dashboard and "no permission" message.
    assert client.get("/admin/connexions-bloquees/")["Location"] == "/admin/"
    attempt = AccessAttempt.objects.get()
    refused = client.post(f"/admin/connexions-bloquees/{attempt.pk}/debloquer/")
    assert refused["Location"] == "/admin/"
    assert AccessAttempt.objects.filter(failures_since_start=5).exists()


def test_lockout_works_without_redis(client, make_user, settings):
    """Counts are rows in the database: a cache that does not answer changes nothing."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "pole_site.cache_backends.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.05, "socket_timeout": 0.05},
        },
    }
    make_user("redac", "writer")
    fail(client, "redac", 5)
    assert sign_in(client, "redac").status_code == 429


def test_right_password_signs_in(client, make_user):
    make_user("redac", "writer")
    assert sign_in(client, "redac", PASSWORD).status_code == 302
    assert signed_in(client)

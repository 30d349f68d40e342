"""Passwords that resist guessing, and admin sessions that end when their user walks away."""

import datetime

from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from .conftest import sign_in


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Court-2026!", "au minimum 12 caractères"),
        ("password1234", "trop courant"),
        ("123456789012345", "entièrement numérique"),
        ("jeanne.dupont.rouen", "trop semblable"),
    ],
)
def test_weak_passwords_are_refused(django_user_model, db, password, message):
    user = django_user_model(username="jeanne.dupont", email="jeanne.dupont.rouen@example.fr")
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert any(message in text for text in refused.value.messages)


def test_a_long_passphrase_is_accepted(django_user_model, db):
    user = django_user_model(username="jeanne.dupont")
    validate_password("la Seine coule sous le pont Boieldieu", user)


def test_the_admin_refuses_a_short_password_for_a_new_account(client, make_user):
    client.force_login(make_user("chef", "admin"))
    response = client.post(
        "/admin/users/new/",
        {
            "username": "nouveau",
            "email": "nouveau@example.invalid",
            "first_name": "Nou",
            "last_name": "Veau",
            "password1": "Court-2026!",
            "password2": "Court-2026!",
        },
    )
    assert response.status_code == 200
    assert "au minimum 12 caractères" in response.content.decode()


def session_row(client):
    return Session.objects.get(session_key=client.session.session_key)


def test_a_session_ends_after_eight_idle_hours(client, make_user):
    make_user("redac", "writer")
    sign_in(client, "redac")
    assert client.get("/admin/").status_code == 200
    left = session_row(client).expire_date - timezone.now()
    assert datetime.timedelta(hours=7, minutes=59) < left <= datetime.timedelta(hours=8)
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_each_request_pushes_the_end_back(client, make_user):
    make_user("redac", "writer")
    sign_in(client, "redac")
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=1))
    assert client.get("/admin/").status_code == 200
    assert session_row(client).expire_date - timezone.now() > datetime.timedelta(hours=7)


def test_the_idle_time_is_a_setting(client, make_user, settings):
    settings.SESSION_COOKIE_AGE = 30 * 60
    make_user("redac", "writer")
    sign_in(client, "redac")
    client.get("/admin/")
    assert session_row(client).expire_date - timezone.now() <= datetime.timedelta(minutes=30)

import pytest

from editorial.roles import REVIEWERS, WRITERS, setup_editorial

PASSWORD = "un mot de passe assez long"


@pytest.fixture
def make_user(db, home):
    """A user of the admin: "admin" (superuser), or a member of one editorial group."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    setup_editorial()
    User = get_user_model()

    def make(username, role=None):
        if role == "admin":
            return User.objects.create_superuser(username, f"{username}@example.invalid", PASSWORD)
        user = User.objects.create_user(username, f"{username}@example.invalid", PASSWORD)
        if role:
            group = {"writer": WRITERS, "reviewer": REVIEWERS}[role]
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


def sign_in(client, username, password=PASSWORD, address="198.51.100.7", **extra):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )

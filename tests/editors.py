"""The starting point of the admin tests: an editor signed in, and a site with only its home
page."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.test.utils import WagtailPageTestCase

from tests.factories import site_home


class EditorTestCase(WagtailPageTestCase):
    """A superuser signed in to the admin, and `self.home` the default site's only page.

    The tree is emptied first: a module that loaded the demo for its other tests still has it
    in the database under this test's transaction.
    """

    def setUp(self):
        user = get_user_model().objects.create_superuser("admin", "a@example.invalid", "pw")
        self.client.force_login(user)
        self.home = site_home()


PASSWORD = "mot-de-passe-de-test-1"  # noqa: S105


def member_of(group_name, username):
    """A user in one of the editorial groups (Rédacteurs, Validateurs)."""
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.invalid", password=PASSWORD
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def login(client, user):
    client.force_login(user)
    return client

"""`make run` calls these commands on every start: they must be safe to repeat."""

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from wagtail.models import Page, Site

import pytest

from pages.models import HomePage


@pytest.mark.django_db
def test_load_demo_builds_the_site_and_is_idempotent(capsys):
    call_command("load_demo")
    pages_after_first_run = list(Page.objects.values_list("id", "title", "latest_revision_id"))
    call_command("load_demo")
    assert list(Page.objects.values_list("id", "title", "latest_revision_id")) == (
        pages_after_first_run
    )
    assert "rien à charger" in capsys.readouterr().out

    home = HomePage.objects.get()
    assert home.live
    assert Site.objects.get(is_default_site=True).root_page_id == home.id
    # Wagtail's welcome page is gone.
    assert not Page.objects.filter(title__startswith="Welcome").exists()


@pytest.mark.django_db
def test_dev_editor_is_created_once_and_its_login_printed_once(settings, capsys):
    settings.DEBUG = True
    call_command("create_dev_editor")
    first = capsys.readouterr().out
    assert "identifiant : editeur" in first
    assert "mot de passe :" in first
    call_command("create_dev_editor")
    second = capsys.readouterr().out
    assert "mot de passe" not in second
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


@pytest.mark.django_db
def test_dev_editor_is_refused_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_dev_editor")
    assert not get_user_model().objects.exists()

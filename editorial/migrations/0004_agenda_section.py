"""The roles set up again for the agenda section: Rédacteurs write events, Validateurs
publish them and manage the agenda's categories, and its events go through the workflow."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


def setup(apps, schema_editor):
    """`editorial.roles.setup_editorial` with the models of today (see 0003)."""
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    from editorial.roles import setup_editorial

    setup_editorial()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_review_task"),
        ("agenda", "0002_event_categories"),
        ("pages", "0008_alter_quicklink_icon"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]

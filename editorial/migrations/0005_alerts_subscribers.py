"""The roles set up again for the e-mail alerts: Validateurs read, export and delete their
subscribers; Rédacteurs do not see them."""

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
        ("editorial", "0004_agenda_section"),
        ("alerts", "0002_existing_news_alerted"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]

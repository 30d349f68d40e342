"""Validateurs edit and publish every page from the home page (the legal pages, the
accessibility statement among them): `setup_editorial` run again on existing sites."""

from django.db import migrations


def setup(apps, schema_editor):
    from editorial.roles import setup_editorial

    setup_editorial()


class Migration(migrations.Migration):
    # Live models are used: every table the roles touch, at its latest migration.
    dependencies = [
        ("editorial", "0001_roles_and_workflow"),
        ("pages", "0006_site_document"),
        ("news", "0008_site_document"),
        ("partners", "0005_site_document"),
    ]
    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]

"""Rédacteurs prepare acts and Validateurs publish them: `setup_editorial` run again for the
acts section, its workflow and the ACTES matières."""

from django.db import migrations


def setup(apps, schema_editor):
    from editorial.roles import setup_editorial

    setup_editorial()


class Migration(migrations.Migration):
    # Live models are used: every table the roles touch, at its latest migration.
    dependencies = [
        ("editorial", "0002_reviewers_edit_every_page"),
        ("pages", "0007_sitedocument_sha256"),
        ("acts", "0002_actes_nomenclature"),
    ]
    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]

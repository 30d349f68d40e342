from django.db import migrations

from acts.nomenclature import MATTERS


def load_nomenclature(apps, schema_editor):
    Matter = apps.get_model("acts", "Matter")
    for group, matters in MATTERS.items():
        for code, label in matters:
            Matter.objects.get_or_create(code=code, defaults={"label": label, "group": group})


class Migration(migrations.Migration):
    dependencies = [("acts", "0001_initial")]

    operations = [migrations.RunPython(load_nomenclature, migrations.RunPython.noop)]

# The press room's documents move to a table of their own name, row by row, in their order:
# renaming the table would keep its index names, which the press kits' documents then take.

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def copy_rows(apps, schema_editor, source, target):
    old = apps.get_model("news", source)
    new = apps.get_model("news", target)
    new.objects.bulk_create(
        new(page_id=row.page_id, document_id=row.document_id, sort_order=row.sort_order)
        for row in old.objects.order_by("pk")
    )


def forwards(apps, schema_editor):
    copy_rows(apps, schema_editor, "PressKitDocument", "PressRoomDocument")


def backwards(apps, schema_editor):
    copy_rows(apps, schema_editor, "PressRoomDocument", "PressKitDocument")


class Migration(migrations.Migration):

    dependencies = [
        ("news", "0012_press_contact_mobile_and_family_name"),
        ("pages", "0006_site_document"),
    ]

    operations = [
        migrations.CreateModel(
            name="PressRoomDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                ("document", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="pages.sitedocument", verbose_name="document")),
                ("page", modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name="documents", to="news.pressroompage")),
            ],
            options={
                "verbose_name": "document de présentation",
                "verbose_name_plural": "documents de présentation",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="PressKitDocument"),
    ]

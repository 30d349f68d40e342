from django.db import migrations

# The categories the agenda starts with; editors add others in Fragments.
CATEGORIES = [
    ("Séance du Conseil syndical", "seance-du-conseil"),
    ("Réunion du Bureau", "bureau"),
    ("Événement public", "evenement-public"),
    ("Signature", "signature"),
    ("Forum", "forum"),
]


def add_categories(apps, schema_editor):
    EventCategory = apps.get_model("agenda", "EventCategory")
    for name, slug in CATEGORIES:
        EventCategory.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("agenda", "0001_initial")]

    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]

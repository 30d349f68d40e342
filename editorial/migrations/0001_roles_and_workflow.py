"""Create the Rédacteurs and Validateurs groups and the "Validation" workflow.

Permissions are normally created after every migration has run (post_migrate); on a fresh
database they do not exist yet, so they are created here first. The work itself is
`editorial.roles.setup_editorial`, idempotent and also run by `load_demo` and by
`manage.py setup_editorial`, which attach the page permissions and the workflow to the
sections once they exist.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


def setup(apps, schema_editor):
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    from editorial.roles import setup_editorial

    setup_editorial()


class Migration(migrations.Migration):
    # Every table the roles touch, as their latest migrations leave them (live models are used).
    dependencies = [
        ("pages", "0002_seo_fields"),
        ("news", "0003_hide_from_search_engines"),
        ("partners", "0002_hide_from_search_engines"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]
    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]

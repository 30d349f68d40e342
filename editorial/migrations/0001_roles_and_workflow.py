"""Created the Rédacteurs and Validateurs groups and the "Validation" workflow.

The roles are set up by `editorial.roles.setup_editorial`, which uses the models of today:
run at this point of history on a fresh database, it would meet tables that do not exist
yet. The latest migration that sets the roles up (0003) runs it, with every table it
touches migrated; this one and 0002 did their work on the sites that existed then.
"""

from django.db import migrations


class Migration(migrations.Migration):
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
    operations = []

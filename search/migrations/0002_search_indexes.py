"""Indexes that let PostgreSQL answer a search from the matching rows only.

Wagtail's database backend matches `(title || body) @@ query` and joins each entry to its
page on `page.id::varchar = object_id`. Without an index on each of those two expressions,
every search reads and concatenates the vectors of every indexed object, then every page:
the cost grows with the number of news items (13 ms for "pole" among 10,000, 0.2 ms with
them). The expressions must stay exactly those of Wagtail's SQL for the planner to use them.
The text index is written at once on each change (no pending list left to autovacuum, which
the planner would otherwise read as a reason to scan the table): editors change a page at a
time, and searches must see it at index speed right away.
Other databases search their own way (SQLite: FTS5) and get nothing here.
"""

from django.db import migrations

INDEXES = {
    "search_entry_document_gin": (
        "wagtailsearch_indexentry USING gin ((title || body)) WITH (fastupdate = off)"
    ),
    "search_page_id_text": "wagtailcore_page (((id)::varchar(50)::text))",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, target in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("site_search", "0001_french_unaccent"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("wagtailcore", "0001_initial"),
    ]
    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]

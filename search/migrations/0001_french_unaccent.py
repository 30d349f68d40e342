"""A French, accent-insensitive text search configuration for PostgreSQL.

`french_unaccent` copies PostgreSQL's `french` configuration and runs `unaccent` before the
French stemmer, so "competitivite" and "compétitivité" reduce to the same lexeme. Other
databases have nothing to create: the SQLite backend folds accents in its own tokenizer.

`unaccent` is a trusted extension (PostgreSQL 13+): the database owner may create it.
Pages indexed before this configuration existed keep their old vectors until
`manage.py update_index` runs (the README's upgrade step).
"""

from django.db import migrations

CONFIG = "french_unaccent"

CREATE = f"""
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.french);
        ALTER TEXT SEARCH CONFIGURATION {CONFIG}
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
    END IF;
END
$$;
"""

DROP = f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG};"


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [migrations.RunPython(create_configuration, drop_configuration, elidable=False)]

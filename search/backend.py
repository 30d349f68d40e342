"""Wagtail's database search backend, tuned for French on each database it may run on.

Settings point at this module (`WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backend"`):
Wagtail calls `SearchBackend(params)` and gets the backend for the database in use.

- PostgreSQL: Wagtail's own backend with the `french_unaccent` configuration (created by this
  app's migration): French stemming after accent folding, so "pole" finds "Pôles".
- SQLite (the `make run` default): FTS5 already folds accents; `sqlite_backend` adds a light
  French stemming of the query, so the same queries give sensible results without PostgreSQL.
"""

from django.db import connection

from modelsearch.backends.database import SearchBackend as database_backend

FRENCH_CONFIG = "french_unaccent"


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up)
    if connection.vendor == "postgresql":
        params = {"SEARCH_CONFIG": FRENCH_CONFIG, **params}
    backend = database_backend(params)
    if connection.vendor == "sqlite":
        # Imported here: Wagtail's SQLite modules only load on a SQLite database.
        from .sqlite_backend import FrenchSQLiteSearchBackend, SQLiteSearchBackend

        if type(backend) is SQLiteSearchBackend:
            return FrenchSQLiteSearchBackend(params)
    return backend

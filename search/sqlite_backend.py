"""SQLite FTS5 search with a light French stemming of the query.

FTS5's tokenizer already folds case and accents ("pole" matches "Pôle"). What it lacks is
stemming: here each word loses its plural ending and is matched as a prefix, so "territoires"
finds "territoire" and "pole" finds "pôles". Cruder than PostgreSQL's French stemmer, but the
same queries give sensible results on the `make run` database. Ranking weighs a match in
the title well above one in the body, as PostgreSQL's weighted vectors do.
"""

import operator
from functools import reduce

from django.db.models import FloatField, Func

from modelsearch.backends.database.sqlite.query import (
    Lexeme,
    SearchQueryExpression,
    SQLiteFTSIndexEntry,
)
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import PlainText

from pages.search_text import PREFIX_MIN_LENGTH, french_prefix

__all__ = ["FrenchSQLiteSearchBackend", "SQLiteSearchBackend"]


# bm25() weights for the FTS table's columns, in their order: autocomplete, body, title.
COLUMN_WEIGHTS = (0.0, 1.0, 10.0)


class WeightedBM25(Func):
    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra):
        weights = ", ".join(str(weight) for weight in COLUMN_WEIGHTS)
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


class FrenchSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
    def _build_rank_expression(self, vectors, config):
        return WeightedBM25()  # lower is better, as Wagtail's own ordering expects

    def build_search_query_content(self, query, config=None):
        if not isinstance(query, PlainText):
            return super().build_search_query_content(query, config)
        words = [french_prefix(word) for word in query.query_string.split()]
        if not words:
            return None
        lexemes = [Lexeme(word, prefix=len(word) >= PREFIX_MIN_LENGTH) for word in words]
        combine = operator.and_ if query.operator.upper() == "AND" else operator.or_
        return SearchQueryExpression(reduce(combine, lexemes), config=config)


class FrenchSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = FrenchSQLiteQueryCompiler

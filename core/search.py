"""Full-text search over a document stored on each row (PostgreSQL).

A content model that is searched declares ``search_weights`` (``{"A": ("title",), …}``),
keeps a ``search_document = search_document_field()`` and calls
``refresh_search_documents()`` on itself after ``save()``; its QuerySet mixes in
``StoredSearchQuerySet``. A search then reads a ready ``tsvector`` through a GIN index
instead of parsing every row's text again for every query. On SQLite the column stays empty
and each app keeps its simple ``icontains`` fallback.
"""

import operator
from functools import reduce

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connection, models
from django.db.models import F

SEARCH_CONFIG = "english"


def search_document_field():
    # Kept up to date on save on PostgreSQL; unused (empty) on SQLite.
    return SearchVectorField(null=True, editable=False)


def weighted_vector(weights: dict[str, tuple[str, ...]]):
    return reduce(
        operator.add,
        (
            SearchVector(*fields, weight=weight, config=SEARCH_CONFIG)
            for weight, fields in weights.items()
        ),
    )


def document_index(name: str) -> GinIndex:
    """The GIN index a migration adds on PostgreSQL only (SQLite cannot build one)."""
    return GinIndex(fields=["search_document"], name=name)


def fill_documents(model, weights: dict[str, tuple[str, ...]], index_name: str, schema_editor):
    """For a migration: store every row's document and index them (PostgreSQL only)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    model.objects.update(search_document=weighted_vector(weights))
    schema_editor.add_index(model, document_index(index_name))


def drop_document_index(model, index_name: str, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(model, document_index(index_name))


class StoredSearchQuerySet(models.QuerySet):
    def refresh_search_documents(self):
        """Store the search document of these rows (bulk inserts and updates skip save())."""
        if connection.vendor == "postgresql":
            self.update(search_document=weighted_vector(self.model.search_weights))

    def matching_document(self, query: str):
        """Rows whose stored document matches ``query`` (PostgreSQL), with ``search_rank``;
        the document itself is not read back."""
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        return (
            self.filter(search_document=search_query)
            .defer("search_document")
            .annotate(search_rank=SearchRank(F("search_document"), search_query))
        )

"""Trigram indexes for the catalogue's Chinese search (title, text, 文号, 索引号), on PostgreSQL only.

The search is a substring match (``icontains``: ``UPPER(column::text) LIKE UPPER('%学区%')``),
because Chinese has no spaces between words. A GIN trigram index on that very expression lets
PostgreSQL answer it from the index for terms of three characters or more; for shorter terms
pg_trgm extracts no trigram and reads the index whole, then checks each row — slower, still
correct. SQLite has no such index and scans the body's published items.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

INDEXED = {
    "catalogue_title_trgm": "title",
    "catalogue_text_trgm": "text",
    # The search ORs the four columns: one without an index would make every search read the table.
    "catalogue_document_number_trgm": "document_number",
    "catalogue_index_number_trgm": "index_number",
}


def create(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXED.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON catalogue_catalogueitem "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXED:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]

"""Trigram indexes for the office's search over applicant names and descriptions, on PostgreSQL only.

Django's ``icontains`` on PostgreSQL compares ``UPPER(column::text) LIKE UPPER('%…%')``; a GIN
trigram index on that very expression lets it use an index instead of reading every row (1.3 s
over a million cases without it). SQLite has no such index and reads the table, which is fine at
the sizes SQLite deployments have.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

INDEXED = {
    "application_name_trgm": "applicant_name",
    "application_description_trgm": "description",
}


def create(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXED.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON applications_application "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXED:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("applications", "0003_project_existing")]

    operations = [migrations.RunPython(create, drop)]

"""A GIN index for full-text search on PostgreSQL (SQLite searches the text column instead)."""

from django.db import migrations


def up(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX directory_search_vector_gin ON directory_servicesearchentry "
            "USING gin (vector)"
        )


def down(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS directory_search_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(up, down)]

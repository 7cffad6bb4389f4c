"""Search by language and vector in one GIN index (PostgreSQL only).

The search reads the reader's language, German and English entries only; btree_gin lets one GIN
index serve both conditions, and the planner then uses it even when it overestimates how many
entries a prefix matches. btree_gin is a trusted extension: the database owner may create it.
"""

from django.contrib.postgres.operations import BtreeGinExtension
from django.db import migrations


def up(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS directory_search_vector_gin")
        schema_editor.execute(
            "CREATE INDEX directory_search_language_vector_gin "
            "ON directory_servicesearchentry USING gin (language, vector)"
        )


def down(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS directory_search_language_vector_gin")
        schema_editor.execute(
            "CREATE INDEX directory_search_vector_gin ON directory_servicesearchentry "
            "USING gin (vector)"
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_search_index")]

    operations = [BtreeGinExtension(), migrations.RunPython(up, down)]

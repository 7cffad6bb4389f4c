"""On PostgreSQL, trigram indexes serve the name search's LIKE '% word%' and the phone search's
LIKE '%digits' (pg_trgm).

SQLite has no such index; its search scans one office's records, fast enough for the embedded
demo. The search itself is the same on both (`selectors.person_search`).
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS person_name_keys_trgm ON counseling_person "
    "USING gin (name_keys gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS person_phone_digits_trgm ON counseling_person "
    "USING gin (phone_digits gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS person_name_keys_trgm",
    "DROP INDEX IF EXISTS person_phone_digits_trgm",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("counseling", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]

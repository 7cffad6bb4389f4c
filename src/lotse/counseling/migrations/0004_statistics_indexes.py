"""On PostgreSQL, covering indexes for the statistics (issue 7): the report reads a year of a
region's consultations (about a million rows at `--scale 30`) by aggregation, and these let it
read the index alone.

- consultation_subject_first: each person's first consultation in a period (ROW_NUMBER() over
  subject, started_at) with the situation the person-level figures count;
- consultation_statistics: consultations of some offices in a period, with what the
  consultation-level figures group by.

SQLite has no covering indexes; its demo-sized data needs none (the (office, started_at) index
serves it).
"""

from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS consultation_subject_first ON counseling_consultation "
    "(subject, started_at, id) INCLUDE (office_id, country_of_origin_id, target_group_id, "
    "residence_status_id, whereabouts)",
    "CREATE INDEX IF NOT EXISTS consultation_statistics ON counseling_consultation "
    "(office_id, started_at) INCLUDE (id, target_group_id, channel, language_id, is_anonymous)",
]
DROP = [
    "DROP INDEX IF EXISTS consultation_subject_first",
    "DROP INDEX IF EXISTS consultation_statistics",
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
    dependencies = [("counseling", "0003_consultation_interpreted_by")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]

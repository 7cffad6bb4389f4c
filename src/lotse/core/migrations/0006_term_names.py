from django.db import migrations


def load(apps, schema_editor):
    from lotse.core.taxonomy_names import sync_term_names

    sync_term_names(apps)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_topic_keywords_data")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

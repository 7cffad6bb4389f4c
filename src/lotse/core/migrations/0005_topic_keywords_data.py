from django.db import migrations


def load(apps, schema_editor):
    from lotse.core.topic_keywords import sync_topic_keywords

    sync_topic_keywords(apps)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_topic_keywords")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

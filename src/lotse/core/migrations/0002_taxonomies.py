from django.db import migrations


def load(apps, schema_editor):
    from lotse.core.taxonomies import sync_taxonomies

    sync_taxonomies(apps)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

"""Ship the jurisdiction tree of Jilin: the Department and every bureau."""

from typing import Any

from django.db import migrations


def forwards(apps: Any, schema_editor: Any) -> None:
    from smartmfg.jurisdictions.seed import sync_jurisdictions

    sync_jurisdictions(apps.get_model("jurisdictions", "Jurisdiction"))


class Migration(migrations.Migration):
    dependencies = [("jurisdictions", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

"""The expert groups (专业组) the pool starts with; the administrator edits them afterwards."""

from django.db import migrations

GROUPS = [
    # code, name, English name, tiers it suits (empty: all), manufacturing types (empty: both), order
    ("equipment", "装备制造", "Equipment manufacturing", [], ["discrete"], 1),
    ("process", "流程工业", "Process industries", [], ["process"], 2),
    ("it", "信息技术", "Information technology", [], [], 3),
    ("finance", "财务", "Finance", [], [], 4),
]


def add_groups(apps, schema_editor):
    ExpertGroup = apps.get_model("experts", "ExpertGroup")
    for code, name, name_en, tiers, manufacturing, order in GROUPS:
        ExpertGroup.objects.get_or_create(
            code=code,
            defaults={"name": name, "name_en": name_en, "tiers": tiers, "manufacturing": manufacturing, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("experts", "0001_initial")]
    operations = [migrations.RunPython(add_groups, migrations.RunPython.noop)]

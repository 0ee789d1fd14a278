"""Seed the verdict scale; admins may edit it afterwards."""

from django.db import migrations

SCALE = [
    ("True", "Benar", 5),
    ("Mostly true", "Sebagian benar", 4),
    ("Misleading", "Menyesatkan", 2),
    ("False", "Salah", 1),
    ("Unverifiable", "Tidak dapat diverifikasi", None),
]


def seed(apps, schema_editor):
    Verdict = apps.get_model("claims", "Verdict")
    for name, name_id, value in SCALE:
        Verdict.objects.get_or_create(name=name, defaults={"name_id": name_id, "rating_value": value})


def unseed(apps, schema_editor):
    apps.get_model("claims", "Verdict").objects.filter(name__in=[name for name, _, _ in SCALE]).delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]

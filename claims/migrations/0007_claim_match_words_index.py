"""On PostgreSQL: a full-text index over claims' match fingerprints. SQLite scans instead."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS claim_match_key_words_idx "
        "ON claims_claimmatchkey USING gin (to_tsvector('simple', fingerprint))"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS claim_match_key_words_idx")


class Migration(migrations.Migration):
    dependencies = [("claims", "0006_claim_matching")]
    operations = [migrations.RunPython(create, drop)]

"""On PostgreSQL: full-text indexes for the desk's search (claims, speakers, article titles). SQLite scans instead.

The expressions are those claims.review.search writes, so the planner can use them.
"""

from django.db import migrations

INDEXES = {
    "claim_search_idx": "claims_claim USING gin (to_tsvector('simple'::regconfig, content || ' ' || speaker_text))",
    "speaker_search_idx": (
        "claims_speaker USING gin (to_tsvector('simple'::regconfig, canonical_name || ' ' || (aliases)::text))"
    ),
    "article_title_search_idx": "claims_article USING gin (to_tsvector('simple'::regconfig, title))",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("claims", "0015_claim_notes")]
    operations = [migrations.RunPython(create, drop)]

"""Text search at a million requests: the Spanish tsvector of the description and street stored in the row.

A GENERATED … STORED column (PostgreSQL only; SQLite keeps its icontains fallback) with a GIN index. Before,
the index was on the expression, so any plan that did not use it (walking the date index for «newest first»,
the bounded count) recomputed to_tsvector for every row it tested. The column is not in the Django model:
reads go through `selectores.busqueda` (RawSQL), writes never list it (PostgreSQL computes it).
"""

from django.db import migrations


class SoloPostgres(migrations.RunSQL):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("peticiones", "0021_mensaje_registro_demo"),
    ]

    operations = [
        SoloPostgres(
            "ALTER TABLE peticiones_peticion ADD COLUMN IF NOT EXISTS documento tsvector "
            "GENERATED ALWAYS AS (to_tsvector('spanish'::regconfig, COALESCE(descripcion, '') || ' ' || COALESCE(calle, ''))) STORED",
            "ALTER TABLE peticiones_peticion DROP COLUMN IF EXISTS documento",
        ),
        SoloPostgres(
            "CREATE INDEX IF NOT EXISTS peticion_documento ON peticiones_peticion USING gin (documento)",
            "DROP INDEX IF EXISTS peticion_documento",
        ),
        SoloPostgres(
            "DROP INDEX IF EXISTS peticion_descripcion_fts",
            "CREATE INDEX IF NOT EXISTS peticion_descripcion_fts ON peticiones_peticion "
            "USING gin (to_tsvector('spanish'::regconfig, COALESCE(descripcion, '')))",
        ),
        # Statistics of the new column now (not at the next autovacuum): without them the planner takes the
        # commonest words for rare ones and sorts every match instead of walking the date index.
        SoloPostgres("ANALYZE peticiones_peticion", migrations.RunSQL.noop),
    ]

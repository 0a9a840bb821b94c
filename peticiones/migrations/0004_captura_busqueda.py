"""Text search of requests: pg_trgm plus full-text and trigram indexes, on PostgreSQL only.

SQLite (the demo) falls back to icontains, so these operations do nothing there.
"""

from django.db import migrations


class SoloPostgres(migrations.RunSQL):
    """RunSQL that runs only when the database is PostgreSQL."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("peticiones", "0003_captura_importar_indices"),
    ]

    operations = [
        SoloPostgres("CREATE EXTENSION IF NOT EXISTS pg_trgm", migrations.RunSQL.noop),
        # Must match SearchVector("descripcion", config="spanish") as Django writes it.
        SoloPostgres(
            "CREATE INDEX IF NOT EXISTS peticion_descripcion_fts ON peticiones_peticion "
            "USING gin (to_tsvector('spanish'::regconfig, COALESCE(descripcion, '')))",
            "DROP INDEX IF EXISTS peticion_descripcion_fts",
        ),
        SoloPostgres(
            "CREATE INDEX IF NOT EXISTS peticion_descripcion_trgm ON peticiones_peticion "
            "USING gin (descripcion gin_trgm_ops)",
            "DROP INDEX IF EXISTS peticion_descripcion_trgm",
        ),
        SoloPostgres(
            "CREATE INDEX IF NOT EXISTS peticion_calle_trgm ON peticiones_peticion USING gin (calle gin_trgm_ops)",
            "DROP INDEX IF EXISTS peticion_calle_trgm",
        ),
        # Citizen by name in the list's search: Django writes icontains as UPPER(col::text) LIKE UPPER(…).
        SoloPostgres(
            "CREATE INDEX IF NOT EXISTS ciudadano_nombre_trgm ON peticiones_ciudadano "
            "USING gin (upper(nombre::text) gin_trgm_ops)",
            "DROP INDEX IF EXISTS ciudadano_nombre_trgm",
        ),
        SoloPostgres(
            "CREATE INDEX IF NOT EXISTS ciudadano_apellidos_trgm ON peticiones_ciudadano "
            "USING gin (upper(apellidos::text) gin_trgm_ops)",
            "DROP INDEX IF EXISTS ciudadano_apellidos_trgm",
        ),
    ]

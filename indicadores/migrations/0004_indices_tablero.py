"""Covering indexes on peticiones_peticion so the MIR's monthly series read only a narrow index
(index-only scans) instead of the wide table: with 1,000,000 requests the MIR PDF stays under 2 s.

They live here, as PostgreSQL-only SQL, so the Peticiones app's migrations stay untouched; the same
definitions can move to `Peticion.Meta.indexes` later (see docs/benchmarks.md) — drop these then.
"""

from django.db import migrations

INDICES = {
    # Monthly series of the MIR (recibidas, Gira de Presidencia, Miércoles Ciudadano) in one index-only scan.
    "indicadores_peticion_recepcion": "ON peticiones_peticion (fecha_recepcion) INCLUDE (estado, canal_id, evento_id)",
    # Attended per month, attention-time percentiles (overall and by dirección).
    "indicadores_peticion_atendida": (
        "ON peticiones_peticion (fecha_atendida) INCLUDE (estado, fecha_recepcion, direccion_id) "
        "WHERE fecha_atendida IS NOT NULL"
    ),
}


def crear(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for nombre, definicion in INDICES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {nombre} {definicion}")


def quitar(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for nombre in INDICES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {nombre}")


class Migration(migrations.Migration):
    dependencies = [("indicadores", "0003_reporte_inmutable"), ("peticiones", "0002_roles")]

    operations = [migrations.RunPython(crear, quitar)]

"""On PostgreSQL the database itself refuses to change or delete an issued MIR report."""

from django.db import migrations

CREAR = """
CREATE OR REPLACE FUNCTION indicadores_reporte_inmutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Un reporte MIR emitido no se modifica ni se borra: emita una nueva versión.';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER indicadores_reporte_inmutable
    BEFORE UPDATE OR DELETE ON indicadores_reportemensual
    FOR EACH ROW EXECUTE FUNCTION indicadores_reporte_inmutable();
"""

QUITAR = """
DROP TRIGGER IF EXISTS indicadores_reporte_inmutable ON indicadores_reportemensual;
DROP FUNCTION IF EXISTS indicadores_reporte_inmutable();
"""


def crear(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREAR)


def quitar(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(QUITAR)


class Migration(migrations.Migration):
    dependencies = [("indicadores", "0002_pat_2023")]

    operations = [migrations.RunPython(crear, quitar)]

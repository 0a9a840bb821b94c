"""The MIR configuration's history starts with what was there: one «inicial» event per programa, actividad,
meta mensual and indicador (the PAT 2023 loaded by 0002 and whatever an administrator added since), so the
first change an administrator makes shows its «before». PostgreSQL only, as the history itself."""

from django.db import migrations

MODELOS = ("Programa", "Actividad", "MetaMensual", "Indicador")


def estado_inicial(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for nombre in MODELOS:
        Modelo = apps.get_model("indicadores", nombre)
        Evento = apps.get_model("indicadores", f"{nombre}Event")
        copiados = [f.attname for f in Modelo._meta.concrete_fields]
        ya = set(Evento.objects.values_list("pgh_obj_id", flat=True).distinct())
        lote = [
            Evento(pgh_label="inicial", pgh_obj_id=fila.pk, **{campo: getattr(fila, campo) for campo in copiados})
            for fila in Modelo.objects.all()
            if fila.pk not in ya
        ]
        Evento.objects.bulk_create(lote, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("indicadores", "0005_historial_mir")]

    operations = [migrations.RunPython(estado_inicial, migrations.RunPython.noop)]

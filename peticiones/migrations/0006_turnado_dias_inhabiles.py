"""Load Mexico's official (and customary municipal) días inhábiles for 2024–2032."""

from django.db import migrations

ANIOS = range(2024, 2033)


def cargar(apps, schema_editor):
    from peticiones.calendario import dias_inhabiles

    DiaInhabil = apps.get_model("peticiones", "DiaInhabil")
    for anio in ANIOS:
        for fecha, nombre, tipo in dias_inhabiles(anio):
            DiaInhabil.objects.get_or_create(fecha=fecha, defaults={"nombre": nombre, "tipo": tipo})


def quitar(apps, schema_editor):
    from peticiones.calendario import dias_inhabiles

    DiaInhabil = apps.get_model("peticiones", "DiaInhabil")
    fechas = [fecha for anio in ANIOS for fecha, _n, _t in dias_inhabiles(anio)]
    DiaInhabil.objects.filter(fecha__in=fechas).delete()


class Migration(migrations.Migration):
    dependencies = [("peticiones", "0005_turnado_modelos")]

    operations = [migrations.RunPython(cargar, quitar)]

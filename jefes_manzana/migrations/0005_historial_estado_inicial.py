"""The padrón's history starts with what was known: one «inicial» event per Jefe de Manzana, dated at its
`actualizado`, so the MIR's «padrón actualizados» of past months (now counted from the history) keeps the
figures it had before the history existed."""

from django.db import migrations


def estado_inicial(apps, schema_editor):
    Jefe = apps.get_model("jefes_manzana", "JefeManzana")
    Evento = apps.get_model("jefes_manzana", "JefeManzanaEvent")
    Evento._meta.get_field("pgh_created_at").auto_now_add = False  # dated at `actualizado`, not now
    copiados = [f.attname for f in Jefe._meta.concrete_fields]
    lote = []
    for jefe in Jefe.objects.all().iterator(chunk_size=2000):
        lote.append(
            Evento(
                pgh_label="inicial",
                pgh_created_at=jefe.actualizado,
                pgh_obj_id=jefe.pk,
                **{campo: getattr(jefe, campo) for campo in copiados},
            )
        )
        if len(lote) >= 2000:
            Evento.objects.bulk_create(lote)
            lote = []
    Evento.objects.bulk_create(lote)


class Migration(migrations.Migration):
    dependencies = [("jefes_manzana", "0004_historial")]

    operations = [migrations.RunPython(estado_inicial, migrations.RunPython.noop)]

"""The channels and request types the citizen channels (issue 12) need, created only if missing."""

from django.db import migrations

CANALES = {
    "open311": "Aplicaciones (Open311)",
    "whatsapp": "WhatsApp",
    "sitio-web": "Página «Reporta» (sitio web)",
}
TIPOS = {"peticion": "Petición", "denuncia": "Denuncia", "consulta-tramite": "Consulta de trámite"}


def crear(apps, schema_editor):
    Canal = apps.get_model("peticiones", "Canal")
    TipoPeticion = apps.get_model("peticiones", "TipoPeticion")
    for clave, nombre in CANALES.items():
        if not Canal.objects.filter(clave=clave).exists() and not Canal.objects.filter(nombre=nombre).exists():
            Canal.objects.create(clave=clave, nombre=nombre, orden=90)
    for clave, nombre in TIPOS.items():
        if not TipoPeticion.objects.filter(clave=clave).exists() and not TipoPeticion.objects.filter(nombre=nombre).exists():
            TipoPeticion.objects.create(clave=clave, nombre=nombre)


class Migration(migrations.Migration):
    dependencies = [("peticiones", "0014_canales_ciudadanos")]

    # Reversing leaves the rows: requests may already point to them.
    operations = [migrations.RunPython(crear, migrations.RunPython.noop)]

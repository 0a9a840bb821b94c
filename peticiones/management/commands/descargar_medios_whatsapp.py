"""manage.py descargar_medios_whatsapp: download the WhatsApp images still pending (what the beat job does)."""

from django.core.management.base import BaseCommand

from peticiones.acciones.whatsapp import descargar_pendientes


class Command(BaseCommand):
    help = "Descarga las imágenes de WhatsApp pendientes (lo mismo que la tarea periódica)."

    def handle(self, *args, **options):
        self.stdout.write(f"{descargar_pendientes()} imagen(es) descargada(s).")

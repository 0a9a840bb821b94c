from django.core.management.base import BaseCommand

from peticiones.notificaciones import enviar_pendientes


class Command(BaseCommand):
    help = "Envía los avisos pendientes de la bandeja de salida (correo, SMS, WhatsApp), con reintentos."

    def handle(self, *args, **options) -> None:
        enviados = enviar_pendientes()
        self.stdout.write(self.style.SUCCESS(f"{enviados} aviso(s) enviado(s)."))

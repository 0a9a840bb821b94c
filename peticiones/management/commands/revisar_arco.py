"""Alert the staff about ARCO requests that reached their 15th día hábil without an answer."""

from django.core.management.base import BaseCommand

from peticiones.acciones.privacidad import alertar_plazos


class Command(BaseCommand):
    help = "Avisa al personal de las solicitudes ARCO que cumplieron 15 días hábiles sin respuesta (una vez cada una)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Solicitudes ARCO alertadas: {len(alertar_plazos().alertadas)}.")

from django.core.management.base import BaseCommand

from peticiones.acciones.seguimiento import encolar_llamadas


class Command(BaseCommand):
    help = "Encola las llamadas de seguimiento que faltan para las peticiones atendidas (seguro de repetir)."

    def handle(self, *args, **options) -> None:
        creadas = encolar_llamadas()
        self.stdout.write(f"Llamadas de seguimiento encoladas: {creadas}")

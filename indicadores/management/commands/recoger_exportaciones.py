from django.core.management.base import BaseCommand

from indicadores.exportacion import recoger_pendientes
from sirc.tareas import esperar_publicaciones


class Command(BaseCommand):
    help = "Vuelve a encolar las exportaciones pendientes (broker caído) y las abandonadas por un trabajador."

    def handle(self, *args, **options) -> None:
        reenviadas = recoger_pendientes()
        esperar_publicaciones()  # the nudges go on a daemon thread that dies with this process: wait for them
        self.stdout.write(f"Exportaciones reenviadas: {reenviadas}")

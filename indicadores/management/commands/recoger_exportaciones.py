from django.core.management.base import BaseCommand

from indicadores.exportacion import recoger_pendientes


class Command(BaseCommand):
    help = "Vuelve a encolar las exportaciones pendientes (broker caído) y las abandonadas por un trabajador."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Exportaciones reenviadas: {recoger_pendientes()}")

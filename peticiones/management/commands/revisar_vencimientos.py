from django.core.management.base import BaseCommand

from peticiones.vencimientos import revisar_vencimientos
from sirc.tareas import esperar_publicaciones


class Command(BaseCommand):
    help = "Política de 24 horas: marca las peticiones vencidas, avisa a los enlaces y escala (2× y 3× el plazo)."

    def handle(self, *args, **options) -> None:
        resumen = revisar_vencimientos()
        esperar_publicaciones()
        self.stdout.write(self.style.SUCCESS(str(resumen)))

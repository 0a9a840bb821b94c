from django.core.management.base import BaseCommand

from peticiones.importacion import recoger
from sirc.tareas import esperar_publicaciones


class Command(BaseCommand):
    help = (
        "Vuelve a encolar las importaciones cuyo trabajador murió o cuyo aviso al broker se perdió, marca "
        "«fallida» la que se interrumpió varias veces y borra archivos viejos."
    )

    def handle(self, *args, **options) -> None:
        cuenta = recoger()
        esperar_publicaciones()  # this process is about to exit: send the re-queue nudges first
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in cuenta.items()))

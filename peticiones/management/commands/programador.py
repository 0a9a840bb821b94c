import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from sirc.celery import app
from sirc.programador import Programador


class Command(BaseCommand):
    help = (
        "Corre los trabajos periódicos (CELERY_BEAT_SCHEDULE) en este proceso cuando no hay broker: lo arranca "
        "make run junto al servidor. Con broker (REDIS_URL) los publica celery beat y este comando no hace nada."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--una-vez", action="store_true", help="Corre lo que toca ahora y termina.")

    def handle(self, *args, **options) -> None:
        from django.conf import settings

        if not app.conf.task_always_eager:
            self.stdout.write(
                "Hay broker (REDIS_URL): los trabajos periódicos los publica «celery beat» (uno solo); "
                "el programador local no corre."
            )
            return
        programador = Programador(settings.CELERY_BEAT_SCHEDULE)
        nombres = ", ".join(e.nombre for e in programador.entradas)
        self.stdout.write(f"Programador local: {len(programador.entradas)} trabajos periódicos ({nombres}).")
        alto = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: alto.set())
        signal.signal(signal.SIGINT, lambda *_: alto.set())
        while not alto.is_set():
            espera = programador.tick()
            close_old_connections()
            if options["una_vez"]:
                return
            alto.wait(espera)

from django.core.management.base import BaseCommand

from indicadores import conteos


class Command(BaseCommand):
    help = (
        "Recalcula desde las peticiones los conteos mensuales del tablero y la MIR (tabla de contadores que "
        "mantiene un disparador de PostgreSQL). Úselo tras una carga masiva con los disparadores apagados."
    )

    def handle(self, *args, **options) -> None:
        if not conteos.disponibles():
            self.stdout.write("Con SQLite no hay conteos: el tablero y la MIR cuentan las peticiones directamente.")
            return
        filas = conteos.reconstruir()
        self.stdout.write(f"Conteos mensuales reconstruidos: {filas:,} filas.")

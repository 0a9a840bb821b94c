"""Anonymise the citizens whose requests all concluded more than SIRC_RETENCION_ANIOS years ago."""

from django.conf import settings
from django.core.management.base import BaseCommand

from peticiones.acciones.privacidad import aplicar_retencion
from sirc.historial import con_historial


class Command(BaseCommand):
    help = (
        "Anonimiza a los ciudadanos cuyas peticiones concluyeron hace más de SIRC_RETENCION_ANIOS años. "
        "Se puede repetir: los ya anonimizados no se tocan. Con --simulacro sólo dice cuántos serían."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--simulacro", "--dry-run", action="store_true", help="No cambiar nada; sólo contar.")

    @con_historial("aplicar_retencion")
    def handle(self, *args, simulacro: bool, **options) -> None:
        resultado = aplicar_retencion(simulacro=simulacro)
        n = len(resultado.anonimizados)
        anios = settings.SIRC_RETENCION_ANIOS
        if simulacro:
            self.stdout.write(f"Simulacro: se anonimizarían {n} ciudadano(s) (conservación: {anios} años).")
            if n:
                self.stdout.write("Ids: " + ", ".join(str(pk) for pk in resultado.anonimizados[:200]))
        else:
            self.stdout.write(self.style.SUCCESS(f"Ciudadanos anonimizados: {n} (conservación: {anios} años)."))

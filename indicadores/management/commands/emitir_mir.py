from django.core.management.base import BaseCommand, CommandError

from indicadores import emision
from indicadores.periodos import Mes
from indicadores.reporte import SinPrograma


class Command(BaseCommand):
    help = (
        "Emite y archiva el MIR del mes anterior (lo mismo que la tarea del día 1), o el de --mes AAAA-MM. "
        "Si el mes ya se emitió no hace nada: las versiones nuevas las emite un Director desde la página del MIR."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--mes", help="Mes a emitir, AAAA-MM (por omisión, el mes anterior).")

    def handle(self, *args, **options) -> None:
        try:
            mes = Mes.desde_texto(options["mes"]) if options["mes"] else Mes.actual().anterior()
        except ValueError as error:
            raise CommandError(str(error)) from None
        if mes >= Mes.actual():
            raise CommandError(f"{mes.nombre.capitalize()} aún no termina: sólo se emiten meses cerrados.")
        try:
            reporte = emision.emitir_del_mes(mes)
        except SinPrograma as falta:
            raise CommandError(str(falta)) from None
        if reporte is None:
            self.stdout.write(f"El MIR de {mes.nombre} ya estaba emitido; no se cambió nada.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Emitido {reporte} · SHA-256 {reporte.sha256}"))

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jefes_manzana.importacion import importar_padron, leer_archivo
from jefes_manzana.recursos import ArchivoInvalido
from sirc.historial import con_historial


class Command(BaseCommand):
    help = "Revisa (y con --confirmar importa) un archivo CSV o XLSX del padrón. Todo o nada, como en la pantalla."

    def add_arguments(self, parser) -> None:
        parser.add_argument("archivo", type=Path)
        parser.add_argument("--confirmar", action="store_true", help="Guardar si no hay errores.")

    @con_historial("importar_padron")
    def handle(self, *args, archivo: Path, confirmar: bool, **options) -> None:
        if not archivo.exists():
            raise CommandError(f"No existe el archivo {archivo}.")
        try:
            resultado = importar_padron(leer_archivo(archivo.name, archivo.read_bytes()), confirmar=confirmar)
        except ArchivoInvalido as e:
            raise CommandError(str(e)) from e
        for error in resultado.errores:
            self.stderr.write(f"Fila {error['fila']} · {error['columna']}: {error['motivo']}")
        if resultado.errores:
            n = resultado.filas_con_error
            raise CommandError(f"No se importó nada: {n} fila{'s' if n != 1 else ''} con errores.")
        verbo = "Importados" if resultado.confirmada else "Sin errores (vista previa; use --confirmar)"
        self.stdout.write(f"{verbo}: {resultado.nuevos} nuevos, {resultado.actualizados} por actualizar.")

"""Import historical requests from a CSV/XLSX file (for files too big for the web form)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from peticiones.recursos import importar
from sirc.historial import con_historial


class Command(BaseCommand):
    help = (
        "Revisa (y con --confirmar importa) peticiones históricas desde un CSV o XLSX. "
        "Si una fila tiene un error no se importa ninguna."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("archivo", type=Path)
        parser.add_argument("--usuario", required=True, help="Usuario que queda como capturista de las peticiones.")
        parser.add_argument("--confirmar", action="store_true", help="Importar de verdad (sin esto sólo se revisa).")

    @con_historial("importar_peticiones")
    def handle(self, *args, archivo: Path, usuario: str, confirmar: bool, **options) -> None:
        try:
            quien = get_user_model().objects.get(username=usuario)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No existe el usuario «{usuario}».") from None
        if not archivo.exists():
            raise CommandError(f"No existe el archivo «{archivo}».")
        resultado = importar(archivo.read_bytes(), archivo.name, usuario=quien, confirmar=confirmar)
        if not resultado.valido:
            for error in resultado.errores:
                self.stderr.write(error)
            raise CommandError(f"No se importó nada: {len(resultado.errores)} error(es).")
        if confirmar:
            self.stdout.write(self.style.SUCCESS(f"Se importaron {resultado.nuevas} peticiones de «{archivo.name}»."))
        else:
            self.stdout.write(f"Revisión correcta: {resultado.nuevas} peticiones listas. Repita con --confirmar.")

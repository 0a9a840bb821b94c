"""manage.py crear_clave_api NOMBRE --canal CLAVE_DEL_CANAL: a new Open311 api_key, printed once."""

from django.core.management.base import BaseCommand, CommandError

from peticiones.acciones.open311 import crear_clave, revocar_clave
from peticiones.models import Canal, ClaveApi


class Command(BaseCommand):
    help = "Crea la api_key de una aplicación Open311 (se muestra una sola vez; sólo se guarda su huella)."

    def add_arguments(self, parser):
        parser.add_argument("nombre", help="Nombre de la aplicación, p. ej. «App Vecinos Veracruz».")
        parser.add_argument("--canal", default="open311", help="Clave del canal con que llegan sus peticiones.")
        parser.add_argument(
            "--aviso-en-la-app",
            action="store_true",
            help="La aplicación muestra el aviso de privacidad y recaba el consentimiento.",
        )
        parser.add_argument("--revocar", action="store_true", help="Revoca la clave de esa aplicación.")

    def handle(self, *args, nombre: str, canal: str, aviso_en_la_app: bool, revocar: bool, **options):
        if revocar:
            fila = ClaveApi.objects.filter(nombre=nombre, activa=True).first()
            if fila is None:
                raise CommandError(f"No hay una clave activa para «{nombre}».")
            revocar_clave(fila)
            self.stdout.write(self.style.SUCCESS(f"Clave de «{nombre}» revocada."))
            return
        elegido = Canal.objects.filter(clave=canal).first()
        if elegido is None:
            claves = ", ".join(Canal.objects.values_list("clave", flat=True))
            raise CommandError(f"No existe el canal «{canal}». Canales: {claves}.")
        try:
            fila, clave = crear_clave(nombre, elegido, aviso_en_la_app=aviso_en_la_app)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Aplicación: {fila.nombre} · canal: {elegido.nombre}")
        self.stdout.write("api_key (cópiela ahora; SIRC no la vuelve a mostrar):")
        self.stdout.write(clave)

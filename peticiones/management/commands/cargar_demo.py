from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import transaction

from indicadores import demo as demo_indicadores
from jefes_manzana import demo as demo_jefes
from peticiones import demo as demo_peticiones
from peticiones import demo_canales, demo_registro
from sirc.historial import con_historial


class Command(BaseCommand):
    help = (
        "Carga datos de demostración de Veracruz (catálogos, un usuario por rol y peticiones) en una base "
        "vacía. Nunca toca datos que no creó: en una base con datos reales, o ya cargada, no escribe nada."
    )

    def handle(self, *args, **options) -> None:
        ContentType.objects.clear_cache()  # ids of a flushed and re-created table (tests) must not linger
        propios = demo_registro.ya_cargada()
        if propios:
            self.stdout.write(
                f"La demostración ya está cargada en esta base ({propios} registros suyos): no se cambia nada, "
                "ni lo que se capturó después. Para empezar de cero, borre la base (var/sirc.sqlite3) y corra "
                "make run."
            )
            self._imprimir_usuarios()
            return
        ajenos = demo_registro.ajenos()
        if ajenos:
            self.stdout.write(
                self.style.WARNING(
                    "No se cargan datos de demostración: la base ya tiene datos que no creó la demostración ("
                    + ", ".join(f"{n} {nombre}" for nombre, n in ajenos.items())
                    + "). La demostración sólo se carga en una base vacía, para no cambiar datos reales."
                )
            )
            return
        self._cargar()
        self._imprimir_usuarios()

    @con_historial("cargar_demo")
    def _cargar(self) -> None:
        with transaction.atomic(), demo_registro.registrar_lo_creado():
            demo_peticiones.cargar_catalogos()
            demo_canales.cargar()
            demo_peticiones.cargar_usuarios()
            demo_jefes.cargar()
            creadas = demo_peticiones.cargar_peticiones()
            self.stdout.write(f"Peticiones de demostración creadas: {creadas}.")
            if demo_jefes.cargar_por_verificar():
                self.stdout.write("Un ciudadano por verificar (teléfono ya registrado, capturado por jefe.manzana).")
            turnado = demo_peticiones.cargar_turnado()
            llamadas = demo_peticiones.cargar_seguimiento()
            self.stdout.write(f"Llamadas de seguimiento de demostración: {llamadas}.")
            self.stdout.write(demo_indicadores.cargar())
        total = demo_registro.ya_cargada()
        self.stdout.write(self.style.SUCCESS(f"Datos de demostración cargados ({total} registros)."))
        if any(turnado.values()):
            movidas = ", ".join(f"{k} {v}" for k, v in turnado.items())
            self.stdout.write(f"Peticiones de demostración movidas: {movidas}")

    def _imprimir_usuarios(self) -> None:
        from django.contrib.auth import get_user_model

        suyos = set(demo_registro.propios(get_user_model()))
        usuarios = get_user_model().objects.filter(pk__in=suyos, username__in=[u[0] for u in demo_peticiones.USUARIOS])
        nombres = set(usuarios.values_list("username", flat=True))
        if not nombres:
            return
        self.stdout.write("")
        self.stdout.write(f"Usuarios de demostración (contraseña inicial {demo_peticiones.CONTRASENA_DEMO}):")
        for username, _nombre, _apellidos, rol, _siglas in demo_peticiones.USUARIOS:
            if username in nombres:
                self.stdout.write(f"  {username:<18} {rol}")

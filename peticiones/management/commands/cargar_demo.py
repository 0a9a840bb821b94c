from django.core.management.base import BaseCommand

from indicadores import demo as demo_indicadores
from jefes_manzana import demo as demo_jefes
from peticiones import demo as demo_peticiones
from peticiones import demo_canales
from sirc.historial import con_historial


class Command(BaseCommand):
    help = "Carga datos de demostración de Veracruz (catálogos, un usuario por rol y peticiones). Idempotente."

    @con_historial("cargar_demo")
    def handle(self, *args, **options) -> None:
        demo_peticiones.cargar_catalogos()
        demo_canales.cargar()
        usuarios = demo_peticiones.cargar_usuarios()
        demo_jefes.cargar()
        creadas = demo_peticiones.cargar_peticiones()
        self.stdout.write(f"Peticiones de demostración creadas: {creadas}.")
        if demo_jefes.cargar_por_verificar():
            self.stdout.write("Un ciudadano por verificar (teléfono ya registrado, capturado por jefe.manzana).")
        turnado = demo_peticiones.cargar_turnado()
        llamadas = demo_peticiones.cargar_seguimiento()
        self.stdout.write(f"Llamadas de seguimiento de demostración: {llamadas}.")
        self.stdout.write(demo_indicadores.cargar())
        self.stdout.write(self.style.SUCCESS("Datos de demostración cargados."))
        if any(turnado.values()):
            self.stdout.write("Peticiones movidas: " + ", ".join(f"{k} {v}" for k, v in turnado.items()))
        self.stdout.write("")
        self.stdout.write("Usuarios de demostración (usuario / contraseña / rol):")
        for usuario, contrasena, rol in usuarios:
            self.stdout.write(f"  {usuario:<18} {contrasena:<16} {rol}")

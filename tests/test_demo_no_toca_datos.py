"""The demo loader never touches data it did not create: it loads only into an empty database, and a
second `make run` (a second `cargar_demo`) writes no row at all, so a request captured by an operator in
between stays byte-for-byte the same."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

import peticiones.tasks  # noqa: F401  (registers the tasks the demo queues)
from peticiones.acciones.captura import DatosCiudadano, capturar
from peticiones.models import Canal, Categoria, Colonia, Peticion, RegistroDemo, TipoPeticion

from .factories import PeticionFactory

pytestmark = pytest.mark.django_db

ESCRITURAS = ("INSERT", "UPDATE", "DELETE")


def _foto(peticion: Peticion) -> tuple:
    """Every column of the request, of its bitácora and of its citizen."""
    return (
        list(Peticion.objects.filter(pk=peticion.pk).values()),
        list(peticion.bitacora.order_by("pk").values()),
        list(type(peticion.ciudadano).objects.filter(pk=peticion.ciudadano_id).values()),
    )


def _cargar_demo() -> str:
    salida = io.StringIO()
    call_command("cargar_demo", stdout=salida)
    return salida.getvalue()


def test_un_segundo_make_run_no_escribe_nada_y_no_cambia_lo_capturado(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _cargar_demo()
    assert RegistroDemo.objects.filter(tipo__model="peticion").count() == Peticion.objects.count() >= 300
    from django.contrib.auth import get_user_model

    operador = get_user_model().objects.get(username="operador")
    capturadas = [
        capturar(
            usuario=operador,
            ciudadano=DatosCiudadano(
                nombre="Ernestina", apellidos=f"Paredes Luna {i}", telefono=f"22955500{i:02d}", acepta_aviso=True
            ),
            tipo=TipoPeticion.objects.get(clave="peticion"),
            canal=Canal.objects.get(clave="linea-072"),
            categoria=Categoria.objects.get(nombre="Luminaria apagada"),
            colonia=Colonia.objects.get(nombre="Centro"),
            descripcion=f"Luminaria apagada frente al número {i}",
            calle="Av. Independencia",
        )
        for i in range(8)  # eight consecutive folios cover every step of the old «mover» (numero % 20)
    ]
    fotos = [_foto(p) for p in capturadas]

    escrituras: list[str] = []

    def vigilar(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(ESCRITURAS):
            escrituras.append(sql[:120])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(vigilar):
        salida = _cargar_demo()

    assert escrituras == []
    assert "ya está cargada" in salida
    assert [_foto(p) for p in capturadas] == fotos
    assert all(p.estado == Peticion.Estado.RECIBIDA for p in Peticion.objects.filter(pk__in=[c.pk for c in capturadas]))


def test_en_una_base_con_datos_reales_no_carga_nada_y_dice_por_que():
    real = PeticionFactory()  # a city's own request, user and catalogs: not the demo's
    antes = _foto(real)
    usuarios = real.capturada_por.__class__.objects.count()

    salida = _cargar_demo()

    assert "No se cargan datos de demostración" in salida
    assert "1 peticiones" in salida
    assert Peticion.objects.count() == 1
    assert real.capturada_por.__class__.objects.count() == usuarios
    assert _foto(real) == antes
    assert not RegistroDemo.objects.exists()

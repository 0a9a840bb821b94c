"""Logins for Jefes de Manzana (one and bulk) and the forced password change at first login (any user)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jefes_manzana import acciones
from jefes_manzana.models import ContrasenaTemporal, JefeManzana
from peticiones import roles

from .factories import CuartelFactory, JefeManzanaFactory

pytestmark = pytest.mark.django_db


def test_crear_acceso_desde_la_ficha_muestra_la_contrasena_una_vez(client, supervisor):
    jefe = JefeManzanaFactory(nombres="María José", apellidos="López Hernández")
    client.force_login(supervisor)
    respuesta = client.post(f"/jefes-manzana/{jefe.pk}/acceso/")
    texto = respuesta.content.decode()
    jefe.refresh_from_db()
    assert jefe.usuario.username == "maria.lopez"
    assert "sólo esta vez" in texto
    (acceso,) = respuesta.context["creados"]
    assert acceso.contrasena in texto
    assert "no-store" in respuesta["Cache-Control"]  # the one-time password is never kept by a cache
    assert jefe.usuario.check_password(acceso.contrasena)
    assert list(jefe.usuario.groups.values_list("name", flat=True)) == [roles.JEFE_MANZANA]
    assert ContrasenaTemporal.objects.get(usuario=jefe.usuario).debe_cambiar


def test_accesos_en_bloque_con_nombres_repetidos(supervisor):
    jefes = [JefeManzanaFactory(nombres="Juan", apellidos="Pérez Ruiz") for _ in range(3)]
    creados = acciones.crear_accesos(jefes, por=supervisor)
    assert sorted(a.username for a in creados) == ["juan.perez", "juan.perez2", "juan.perez3"]
    assert len({a.contrasena for a in creados}) == 3
    assert JefeManzana.objects.filter(usuario__isnull=False).count() == 3


def test_bloque_desde_la_lista_omite_a_quien_ya_tiene_acceso(client, supervisor):
    con_acceso = JefeManzanaFactory()
    acciones.crear_acceso(con_acceso, por=supervisor)
    nuevo = JefeManzanaFactory()
    client.force_login(supervisor)
    respuesta = client.post("/jefes-manzana/accesos/", {"ids": [con_acceso.pk, nuevo.pk]})
    assert [a.jefe.pk for a in respuesta.context["creados"]] == [nuevo.pk]


def test_jefe_de_cuartel_recibe_ambos_roles(supervisor):
    jefe = JefeManzanaFactory()
    CuartelFactory(jefe=jefe)
    acceso = acciones.crear_acceso(jefe, por=supervisor)
    usuario = get_user_model().objects.get(username=acceso.username)
    assert set(usuario.groups.values_list("name", flat=True)) == {roles.JEFE_MANZANA, roles.JEFE_CUARTEL}


def test_no_se_crea_acceso_a_quien_esta_de_baja(supervisor):
    jefe = JefeManzanaFactory(estado=JefeManzana.Estado.BAJA, motivo_baja="Renuncia", fecha_baja="2026-01-01")
    with pytest.raises(acciones.AccionInvalida, match="baja"):
        acciones.crear_acceso(jefe, por=supervisor)


def test_operador_no_crea_accesos(usuario_de_rol):
    with pytest.raises(PermissionDenied):
        acciones.crear_acceso(JefeManzanaFactory(), por=usuario_de_rol(roles.OPERADOR))


def test_nombramientos_con_acceso_se_imprimen_desde_el_paquete_firmado(client, supervisor):
    jefe = JefeManzanaFactory()
    client.force_login(supervisor)
    respuesta = client.post(f"/jefes-manzana/{jefe.pk}/acceso/")
    paquete = respuesta.context["paquete"]
    pdf = client.post("/jefes-manzana/accesos/nombramientos.pdf", {"paquete": paquete})
    assert pdf["Content-Type"] == "application/pdf"
    alterado = client.post("/jefes-manzana/accesos/nombramientos.pdf", {"paquete": paquete[:-2] + "xx"})
    assert alterado.status_code == 302


def test_primer_ingreso_obliga_a_cambiar_la_contrasena(client, supervisor):
    jefe = JefeManzanaFactory()
    acceso = acciones.crear_acceso(jefe, por=supervisor)
    respuesta = client.post("/cuentas/login/", {"username": acceso.username, "password": acceso.contrasena})
    assert respuesta.status_code == 302
    respuesta = client.get("/jefes-manzana/mis-peticiones/")
    assert respuesta.status_code == 302 and respuesta["Location"] == "/cuentas/password_change/"
    respuesta = client.get("/cuentas/password_change/")
    assert "cambie la contraseña temporal" in respuesta.content.decode()
    respuesta = client.post(
        "/cuentas/password_change/",
        {
            "old_password": acceso.contrasena,
            "new_password1": "Palmeras-del-Malecon-26",
            "new_password2": "Palmeras-del-Malecon-26",
        },
    )
    assert respuesta.status_code == 302 and respuesta["Location"] == "/jefes-manzana/mis-peticiones/"
    assert client.get("/jefes-manzana/mis-peticiones/").status_code == 200
    assert not ContrasenaTemporal.objects.get(usuario__username=acceso.username).debe_cambiar


def test_contrasena_rechazada_sigue_obligando(client, supervisor):
    acceso = acciones.crear_acceso(JefeManzanaFactory(), por=supervisor)
    client.post("/cuentas/login/", {"username": acceso.username, "password": acceso.contrasena})
    client.post("/cuentas/password_change/", {"old_password": "mala", "new_password1": "x", "new_password2": "y"})
    assert client.get("/").status_code == 302


def test_cualquier_usuario_puede_quedar_obligado(client, usuario_de_rol):
    operador = usuario_de_rol(roles.OPERADOR)
    acciones.exigir_cambio_de_contrasena(operador)
    client.force_login(operador)
    assert client.get("/").status_code == 302
    assert client.get("/cuentas/password_change/").status_code == 200


def test_usuario_sin_obligacion_no_paga_consultas_extra(client, usuario_de_rol):
    client.force_login(usuario_de_rol(roles.OPERADOR))
    with CaptureQueriesContext(connection) as consultas:
        assert client.get("/").status_code == 200
    assert not [q for q in consultas.captured_queries if "contrasenatemporal" in q["sql"]]


def test_restablecer_contrasena_vuelve_a_obligar(supervisor):
    jefe = JefeManzanaFactory()
    acciones.crear_acceso(jefe, por=supervisor)
    acciones.marcar_contrasena_cambiada(jefe.usuario)
    nuevo = acciones.restablecer_contrasena(jefe, por=supervisor)
    jefe.usuario.refresh_from_db()
    assert jefe.usuario.check_password(nuevo.contrasena)
    assert ContrasenaTemporal.objects.get(usuario=jefe.usuario).debe_cambiar

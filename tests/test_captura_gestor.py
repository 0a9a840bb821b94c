"""capturar(gestor=...): a Jefe de Manzana files a request on a neighbour's behalf through the same path."""

import pytest

from peticiones import roles
from peticiones.acciones.captura import capturar
from peticiones.acciones.transiciones import SinPermiso

from .factories import CanalFactory, CuartelFactory, JefeManzanaFactory, UsuarioFactory, datos_de_captura


@pytest.fixture
def canal_jefes(db):
    return CanalFactory(clave="jefes-manzana", nombre="Jefes de Manzana")


def test_el_jefe_de_manzana_presenta_la_peticion_de_un_vecino(canal_jefes):
    usuario = UsuarioFactory(rol=roles.JEFE_MANZANA, first_name="María", last_name="López")
    jefe = JefeManzanaFactory(usuario=usuario, nombres="María", apellidos="López")
    peticion = capturar(usuario=usuario, gestor=jefe, **datos_de_captura(canal=canal_jefes))
    assert peticion.gestor == jefe and peticion.capturada_por == usuario and peticion.estado == "recibida"
    assert (
        "Recibida por Jefes de Manzana por el Jefe de Manzana María López"
        in peticion.bitacora.get(tipo="captura").descripcion
    )


def test_el_jefe_de_cuartel_puede_presentar_por_sus_jefes_de_manzana(canal_jefes):
    usuario_cuartel = UsuarioFactory(rol=roles.JEFE_CUARTEL)
    jefe_cuartel = JefeManzanaFactory(usuario=usuario_cuartel)
    jefe = JefeManzanaFactory(cuartel=CuartelFactory(jefe=jefe_cuartel))
    assert capturar(usuario=usuario_cuartel, gestor=jefe, **datos_de_captura(canal=canal_jefes)).gestor == jefe


def test_un_jefe_de_manzana_no_presenta_a_nombre_de_otro_ni_sin_gestor(canal_jefes):
    usuario = UsuarioFactory(rol=roles.JEFE_MANZANA)
    JefeManzanaFactory(usuario=usuario)
    otro = JefeManzanaFactory()
    with pytest.raises(SinPermiso):
        capturar(usuario=usuario, gestor=otro, **datos_de_captura(canal=canal_jefes))
    with pytest.raises(SinPermiso):
        capturar(usuario=usuario, **datos_de_captura(canal=canal_jefes))


def test_el_operador_captura_a_nombre_de_un_jefe_de_manzana(canal_jefes):
    operador = UsuarioFactory(rol=roles.OPERADOR)
    jefe = JefeManzanaFactory()
    assert capturar(usuario=operador, gestor=jefe, **datos_de_captura()).gestor == jefe

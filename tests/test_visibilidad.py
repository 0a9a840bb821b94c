"""visibles_para(): the one place that decides which requests a user may see."""

import pytest
from django.utils import timezone

from peticiones import roles
from peticiones.models import Peticion
from peticiones.visibilidad import anonimas_de_su_colonia, como_anonimas, visibles_para

from .factories import CategoriaFactory, JefeManzanaFactory, PeticionFactory, UsuarioFactory


@pytest.fixture
def dos_direcciones(db):
    """Two requests already turned, each to its category's dirección."""
    turnada = {"estado": Peticion.Estado.TURNADA, "fecha_turnada": timezone.now()}
    obras = PeticionFactory(categoria=CategoriaFactory(nombre="Bache"), **turnada)
    alumbrado = PeticionFactory(categoria=CategoriaFactory(nombre="Luminaria"), **turnada)
    return obras, alumbrado


def test_operador_supervisor_y_director_ven_todas(dos_direcciones):
    for rol in (roles.OPERADOR, roles.SUPERVISOR, roles.DIRECTOR):
        assert visibles_para(UsuarioFactory(rol=rol)).count() == 2


def test_enlace_ve_solo_las_de_sus_direcciones(dos_direcciones):
    obras, _alumbrado = dos_direcciones
    enlace = UsuarioFactory(rol=roles.ENLACE)
    obras.direccion.enlaces.add(enlace)
    assert list(visibles_para(enlace)) == [obras]


def test_enlace_no_ve_las_recibidas_que_aun_no_se_le_turnan(operador):
    """docs/permisos.md: «propias» = turned to one of their direcciones. The category's dirección of a «Recibida»
    request is only a proposal; once turned the enlace sees it; given back («devolver») it is Atención
    Ciudadana's again."""
    from peticiones.acciones import transiciones

    recibida = PeticionFactory()
    enlace = UsuarioFactory(rol=roles.ENLACE)
    recibida.direccion.enlaces.add(enlace)
    assert recibida.estado == Peticion.Estado.RECIBIDA and not visibles_para(enlace).exists()
    transiciones.turnar(recibida, operador, recibida.direccion)
    assert list(visibles_para(enlace)) == [recibida]
    transiciones.devolver(recibida, enlace, "No es de nuestra competencia: es de Limpia.")
    assert not visibles_para(enlace).exists()


def test_usuario_sin_rol_o_anonimo_no_ve_nada(dos_direcciones):
    from django.contrib.auth.models import AnonymousUser

    assert visibles_para(UsuarioFactory()).count() == 0
    assert visibles_para(AnonymousUser()).count() == 0


def test_jefe_de_manzana_ve_con_datos_solo_las_suyas_y_su_colonia_anonima(dos_direcciones):
    obras, _alumbrado = dos_direcciones
    usuario = UsuarioFactory(rol=roles.JEFE_MANZANA)
    jefe = JefeManzanaFactory(usuario=usuario, colonia=obras.colonia)
    propia = PeticionFactory(gestor=jefe)
    assert set(visibles_para(usuario)) == {propia}
    anonimas = como_anonimas(anonimas_de_su_colonia(usuario))
    assert [a.folio for a in anonimas] == [obras.folio]
    assert not hasattr(anonimas[0], "ciudadano") and not hasattr(anonimas[0], "descripcion")


def test_jefe_de_cuartel_ve_las_de_sus_jefes_de_manzana(dos_direcciones):
    from .factories import CuartelFactory

    usuario = UsuarioFactory(rol=roles.JEFE_CUARTEL)
    jefe_cuartel = JefeManzanaFactory(usuario=usuario)
    cuartel = CuartelFactory(jefe=jefe_cuartel)
    jefe_manzana = JefeManzanaFactory(cuartel=cuartel)
    de_su_jefe = PeticionFactory(gestor=jefe_manzana)
    assert list(visibles_para(usuario)) == [de_su_jefe]

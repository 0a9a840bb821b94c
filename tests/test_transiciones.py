"""State transitions: valid moves, invalid moves and who may make them."""

import pytest

from peticiones import roles
from peticiones.acciones import transiciones as t
from peticiones.models import EventoBitacora, Peticion

from .factories import DireccionFactory, PeticionFactory, UsuarioFactory

pytestmark = pytest.mark.django_db

Estado = Peticion.Estado


@pytest.fixture
def peticion():
    return PeticionFactory()


@pytest.fixture
def enlace(peticion):
    usuario = UsuarioFactory(rol=roles.ENLACE)
    peticion.direccion.enlaces.add(usuario)
    return usuario


def test_recorrido_completo_registra_fechas_y_bitacora(peticion, enlace, supervisor):
    t.turnar(peticion, supervisor, peticion.direccion, nota="Urgente")
    t.iniciar(peticion, enlace)
    t.marcar_atendida(peticion, enlace, "Se cambió la luminaria")
    t.cerrar(peticion, supervisor)
    peticion.refresh_from_db()
    assert peticion.estado == Estado.CERRADA
    assert peticion.fecha_turnada and peticion.fecha_en_proceso and peticion.fecha_atendida and peticion.fecha_cerrada
    assert peticion.resolucion == "Se cambió la luminaria"
    descripciones = list(peticion.bitacora.values_list("descripcion", flat=True))
    assert descripciones[0].startswith("Turnada a") and "Urgente" in descripciones[0]
    assert peticion.bitacora.filter(tipo=EventoBitacora.Tipo.CAMBIO_ESTADO, usuario=enlace).count() == 2


def test_no_se_puede_atender_una_peticion_cerrada(peticion, supervisor):
    peticion.estado = Estado.CERRADA
    peticion.save()
    with pytest.raises(t.TransicionInvalida, match="está cerrada"):
        t.marcar_atendida(peticion, supervisor, "algo")


def test_enlace_de_otra_direccion_no_puede_atender(peticion):
    ajeno = UsuarioFactory(rol=roles.ENLACE)
    DireccionFactory().enlaces.add(ajeno)
    peticion.estado = Estado.TURNADA
    peticion.save()
    with pytest.raises(t.SinPermiso):
        t.marcar_atendida(peticion, ajeno, "Hecho")
    peticion.refresh_from_db()
    assert peticion.estado == Estado.TURNADA
    assert not peticion.bitacora.exists()


def test_atender_sin_resolucion_se_rechaza(peticion, enlace):
    peticion.estado = Estado.TURNADA
    peticion.save()
    with pytest.raises(t.TransicionInvalida, match="resolución"):
        t.marcar_atendida(peticion, enlace, "   ")


def test_devolver_regresa_a_recibida_con_motivo(peticion, enlace, supervisor):
    t.turnar(peticion, supervisor, peticion.direccion)
    t.devolver(peticion, enlace, "No es de nuestra competencia")
    peticion.refresh_from_db()
    assert peticion.estado == Estado.RECIBIDA
    assert "No es de nuestra competencia" in peticion.bitacora.last().descripcion


def test_transiciones_posibles_segun_rol(peticion, operador, director):
    assert [x.nombre for x in t.transiciones_posibles(peticion, operador)] == ["turnar", "marcar_duplicada"]
    assert t.transiciones_posibles(peticion, director) == []

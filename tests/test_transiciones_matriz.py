"""Every state × every transition × every role: the move happens only from its states, only for its roles.

The expected tables are written out here (not read from the code), so a change in the rules fails a test.
"""

import pytest
from django.db import transaction

from peticiones import roles
from peticiones.acciones import transiciones as t
from peticiones.models import EventoBitacora, Peticion

from .escenario_turnado import crear_escenario
from .factories import JefeManzanaFactory, PeticionFactory, UsuarioFactory

pytestmark = pytest.mark.django_db

E = Peticion.Estado

ORIGENES = {
    "turnar": {E.RECIBIDA, E.TURNADA, E.EN_PROCESO},
    "devolver": {E.TURNADA, E.EN_PROCESO},
    "iniciar": {E.TURNADA},
    "marcar_atendida": {E.TURNADA, E.EN_PROCESO},
    "declarar_improcedente": {E.RECIBIDA, E.TURNADA, E.EN_PROCESO},
    "cerrar": {E.ATENDIDA},
    "reabrir": {E.ATENDIDA, E.CERRADA},
    "cancelar": {E.RECIBIDA, E.TURNADA, E.EN_PROCESO},
    "marcar_duplicada": {E.RECIBIDA, E.TURNADA},
    "informar": {E.RECIBIDA},
}
DESTINO = {
    "turnar": E.TURNADA,
    "devolver": E.RECIBIDA,
    "iniciar": E.EN_PROCESO,
    "marcar_atendida": E.ATENDIDA,
    "declarar_improcedente": E.IMPROCEDENTE,
    "cerrar": E.CERRADA,
    "reabrir": E.TURNADA,
    "cancelar": E.CANCELADA,
    "marcar_duplicada": E.DUPLICADA,
    "informar": E.CERRADA,
}
# Made only by an action at capture (the guía de trámites), never offered as a button on the request's page.
SOLO_EN_CAPTURA = {"informar"}
# Who may make each move (docs/permisos.md shows the same table).
PUEDEN = {
    "turnar": {"operador", "supervisor", "administrador"},
    "devolver": {"enlace"},
    "iniciar": {"enlace", "supervisor", "administrador"},
    "marcar_atendida": {"enlace", "supervisor", "administrador"},
    "declarar_improcedente": {"enlace", "supervisor", "administrador"},
    "cerrar": {"operador", "supervisor", "administrador"},
    "reabrir": {"operador", "supervisor", "administrador"},
    "cancelar": {"supervisor", "administrador"},
    "marcar_duplicada": {"operador", "supervisor", "administrador"},
    "informar": {"operador", "supervisor", "administrador"},
}
ROLES = [
    "operador",
    "supervisor",
    "director",
    "enlace",
    "enlace_de_otra_direccion",
    "jefe_manzana",
    "jefe_cuartel",
    "administrador",
    "sin_rol",
]


def _usuario(nombre: str, escena):
    if nombre == "operador":
        return escena.operador
    if nombre == "supervisor":
        return escena.supervisor
    if nombre == "director":
        return escena.director
    if nombre == "enlace":
        return escena.enlace
    if nombre == "enlace_de_otra_direccion":
        return escena.enlace_ajeno
    if nombre in ("jefe_manzana", "jefe_cuartel"):
        usuario = UsuarioFactory(rol=roles.JEFE_MANZANA if nombre == "jefe_manzana" else roles.JEFE_CUARTEL)
        JefeManzanaFactory(usuario=usuario, colonia=escena.peticion.colonia)
        return usuario
    if nombre == "administrador":
        return UsuarioFactory(rol=roles.ADMINISTRADOR, is_staff=True)
    return UsuarioFactory()


def _hacer(nombre: str, peticion: Peticion, usuario, escena, original: Peticion) -> None:
    if nombre == "turnar":
        t.turnar(peticion, usuario, escena.direccion, nota="Revisar hoy")
    elif nombre == "iniciar":
        t.iniciar(peticion, usuario)
    elif nombre == "marcar_atendida":
        t.marcar_atendida(peticion, usuario, "Se repuso la luminaria")
    elif nombre == "cerrar":
        t.cerrar(peticion, usuario)
    elif nombre == "marcar_duplicada":
        t.marcar_duplicada(peticion, usuario, original)
    elif nombre == "informar":
        t.atender_en_primer_contacto(peticion, usuario, "Se le informó el trámite", texto_publico="Atendida")
    else:
        getattr(t, nombre)(peticion, usuario, "Motivo de prueba")


@pytest.mark.parametrize("rol", ROLES)
def test_cada_estado_cada_transicion_para_el_rol(rol):
    escena = crear_escenario()
    usuario = _usuario(rol, escena)
    peticion = escena.peticion
    original = PeticionFactory(categoria=peticion.categoria)
    assert set(t.TRANSICIONES) == set(ORIGENES), "una transición nueva necesita su fila en esta prueba"
    casos = 0
    for estado in E.values:
        for nombre in ORIGENES:
            Peticion.objects.filter(pk=peticion.pk).update(estado=estado)
            peticion.refresh_from_db()
            eventos_antes = peticion.bitacora.count()
            permitido = estado in ORIGENES[nombre] and rol in PUEDEN[nombre]
            ofrecido = nombre in {x.nombre for x in t.transiciones_posibles(peticion, usuario)}
            assert ofrecido == (permitido and nombre not in SOLO_EN_CAPTURA), (rol, estado, nombre)
            sid = transaction.savepoint()
            try:
                if estado not in ORIGENES[nombre]:
                    with pytest.raises(t.TransicionInvalida, match="No se puede"):
                        _hacer(nombre, peticion, usuario, escena, original)
                elif rol not in PUEDEN[nombre]:
                    with pytest.raises(t.SinPermiso, match="no puede"):
                        _hacer(nombre, peticion, usuario, escena, original)
                else:
                    _hacer(nombre, peticion, usuario, escena, original)
                    peticion.refresh_from_db()
                    assert peticion.estado == DESTINO[nombre], (rol, estado, nombre)
                    ultimo = peticion.bitacora.filter(
                        tipo__in=[EventoBitacora.Tipo.CAMBIO_ESTADO, EventoBitacora.Tipo.DEVOLUCION]
                    ).last()
                    assert ultimo.datos["transicion"] == nombre
                    assert ultimo.usuario == usuario
                if not permitido:
                    peticion.refresh_from_db()
                    assert peticion.estado == estado, "un movimiento rechazado no cambia nada"
                    assert peticion.bitacora.count() == eventos_antes
            finally:
                transaction.savepoint_rollback(sid)
            casos += 1
    assert casos == len(E.values) * len(ORIGENES)


def test_el_mensaje_dice_por_que_no(supervisor):
    peticion = PeticionFactory(estado=E.CERRADA)
    with pytest.raises(t.TransicionInvalida) as error:
        t.declarar_improcedente(peticion, supervisor, "No procede")
    assert str(error.value) == f"No se puede «declarar improcedente» el folio {peticion.folio}: está cerrada."


def test_improcedente_no_se_confunde_con_atendida(supervisor):
    peticion = PeticionFactory()
    t.declarar_improcedente(peticion, supervisor, "Es propiedad privada")
    peticion.refresh_from_db()
    assert peticion.estado == E.IMPROCEDENTE and peticion.fecha_atendida is None
    assert peticion.motivo_improcedencia == "Es propiedad privada"
    evento = peticion.bitacora.get(tipo=EventoBitacora.Tipo.CAMBIO_ESTADO)
    assert evento.publico
    assert evento.datos["texto_publico"].startswith(f"No es posible atender. Lo decidió {peticion.direccion.nombre}")


def test_duplicada_queda_ligada_a_su_original(operador):
    original = PeticionFactory()
    copia = PeticionFactory(categoria=original.categoria)
    t.marcar_duplicada(copia, operador, original)
    copia.refresh_from_db()
    assert copia.duplicado_de == original
    with pytest.raises(t.TransicionInvalida, match="mutuamente"):
        t.marcar_duplicada(original, operador, copia)

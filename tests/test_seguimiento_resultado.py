"""Outcomes of a follow-up call: no contesta re-queued (max 3, hours apart), "no se resolvió" reopens, "sí" closes."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from peticiones import roles
from peticiones.acciones import seguimiento
from peticiones.acciones.transiciones import SinPermiso
from peticiones.models import EventoBitacora, LlamadaSeguimiento, Peticion, VisitaDomiciliaria

from .factories import UsuarioFactory
from .seguimiento_utiles import llamada_vencida, peticion_atendida, tomar

pytestmark = pytest.mark.django_db

Estado = LlamadaSeguimiento.Estado


@override_settings(SEGUIMIENTO_REINTENTO_HORAS=3, SEGUIMIENTO_HORARIO=(0, 24))
def test_no_contesta_se_reintenta_hasta_tres_veces_con_horas_de_separacion(operador):
    llamada = llamada_vencida()
    peticion = llamada.peticion
    ahora = timezone.now()
    for intento in (1, 2, 3):
        actual = seguimiento.siguiente_llamada(operador, ahora=ahora)
        assert actual is not None and actual.intento == intento
        seguimiento.registrar_resultado(actual, operador, Estado.NO_CONTESTA, ahora=ahora)
        assert seguimiento.siguiente_llamada(operador, ahora=ahora + timedelta(hours=2, minutes=59)) is None
        ahora += timedelta(hours=3)
    intentos = list(peticion.llamadas_seguimiento.order_by("intento"))
    assert [ll.estado for ll in intentos] == [Estado.NO_CONTESTA] * 3
    assert intentos[1].programada_para - intentos[0].fecha_resultado == timedelta(hours=3)
    assert seguimiento.siguiente_llamada(operador, ahora=ahora + timedelta(days=2)) is None
    assert "Sin contacto tras 3 intentos" in peticion.bitacora.last().descripcion
    peticion.refresh_from_db()
    assert peticion.estado == Peticion.Estado.ATENDIDA


def test_numero_equivocado_termina_el_seguimiento_y_pasa_a_visita(operador):
    llamada = llamada_vencida()
    seguimiento.registrar_resultado(tomar(operador), operador, Estado.NUMERO_EQUIVOCADO)
    assert llamada.peticion.llamadas_seguimiento.count() == 1
    from peticiones.selectores.seguimiento import pendientes_de_visita

    assert list(pendientes_de_visita(operador)) == [llamada.peticion]


def test_no_se_resolvio_reabre_la_peticion_en_su_direccion_y_no_cierra_nada(operador):
    llamada = llamada_vencida()
    peticion = llamada.peticion
    seguimiento.registrar_resultado(
        tomar(operador), operador, Estado.CONTACTADO, se_resolvio=False, satisfaccion=2, comentario="Sigue sin luz"
    )
    peticion.refresh_from_db()
    assert peticion.estado == Peticion.Estado.TURNADA
    assert peticion.fecha_cerrada is None and peticion.fecha_atendida is None
    assert peticion.direccion == llamada.peticion.direccion
    cambio = peticion.bitacora.filter(tipo=EventoBitacora.Tipo.CAMBIO_ESTADO).last()
    assert "no se resolvió" in cambio.descripcion and "Sigue sin luz" in cambio.descripcion
    assert cambio.usuario == operador
    assert not peticion.bitacora.filter(datos__transicion="cerrar").exists()
    llamada.refresh_from_db()
    assert (llamada.estado, llamada.se_resolvio, llamada.satisfaccion) == (Estado.CONTACTADO, False, 2)


def test_sin_motivo_no_se_puede_registrar_que_no_se_resolvio(operador):
    llamada = llamada_vencida()
    with pytest.raises(seguimiento.SeguimientoInvalido, match="qué falta"):
        seguimiento.registrar_resultado(tomar(operador), operador, Estado.CONTACTADO, se_resolvio=False)
    llamada.refresh_from_db()
    assert llamada.estado == Estado.EN_CURSO


def test_un_seguimiento_exitoso_cierra_la_peticion(operador):
    llamada = llamada_vencida()
    seguimiento.registrar_resultado(tomar(operador), operador, Estado.CONTACTADO, se_resolvio=True, satisfaccion=5)
    peticion = Peticion.objects.get(pk=llamada.peticion_id)
    assert peticion.estado == Peticion.Estado.CERRADA and peticion.fecha_cerrada
    descripciones = list(peticion.bitacora.values_list("tipo", "descripcion"))
    assert (
        EventoBitacora.Tipo.SEGUIMIENTO,
        "Llamada de seguimiento (intento 1): contactado. El ciudadano dice que sí se resolvió; satisfacción 5/5.",
    ) in descripciones
    assert any("confirma que se resolvió" in d for t, d in descripciones if t == EventoBitacora.Tipo.CAMBIO_ESTADO)


@override_settings(SEGUIMIENTO_HORARIO=(0, 24))
def test_una_peticion_reabierta_y_atendida_de_nuevo_recibe_otra_ronda(operador, supervisor):
    from peticiones.acciones import transiciones

    llamada = llamada_vencida()
    seguimiento.registrar_resultado(
        tomar(operador), operador, Estado.CONTACTADO, se_resolvio=False, comentario="Falta una lámpara"
    )
    peticion = Peticion.objects.get(pk=llamada.peticion_id)
    transiciones.marcar_atendida(peticion, supervisor, "Se instaló la lámpara faltante")
    assert seguimiento.encolar_llamadas() == 1
    nueva = peticion.llamadas_seguimiento.get(estado=Estado.PENDIENTE)
    assert nueva.intento == 1 and nueva.atendida_el == Peticion.objects.get(pk=peticion.pk).fecha_atendida


def test_quien_no_hace_seguimiento_no_registra_resultados(operador):
    llamada_vencida()
    llamada = tomar(operador)
    enlace = UsuarioFactory(rol=roles.ENLACE)
    with pytest.raises(SinPermiso):
        seguimiento.registrar_resultado(llamada, enlace, Estado.NO_CONTESTA)


def test_visita_domiciliaria_con_solucion_cierra_y_cancela_la_llamada_pendiente(operador, supervisor):
    llamada = llamada_vencida()
    visita = seguimiento.registrar_visita(
        llamada.peticion,
        operador,
        realizada_por=supervisor,
        fecha_visita=timezone.now() - timedelta(hours=1),
        resultado=VisitaDomiciliaria.Resultado.CONTACTADO,
        se_resolvio=True,
        satisfaccion=4,
    )
    assert visita.realizada_por == supervisor and visita.registrada_por == operador
    assert Peticion.objects.get(pk=llamada.peticion_id).estado == Peticion.Estado.CERRADA
    llamada.refresh_from_db()
    assert llamada.estado == Estado.CANCELADA


def test_visita_sin_solucion_reabre_y_visita_a_peticion_abierta_se_rechaza(operador):
    peticion = peticion_atendida()
    seguimiento.registrar_visita(
        peticion,
        operador,
        realizada_por=operador,
        fecha_visita=timezone.now(),
        resultado=VisitaDomiciliaria.Resultado.CONTACTADO,
        se_resolvio=False,
        comentario="El bache sigue ahí",
    )
    peticion.refresh_from_db()
    assert peticion.estado == Peticion.Estado.TURNADA
    with pytest.raises(seguimiento.SeguimientoInvalido, match="sólo se visitan"):
        seguimiento.registrar_visita(
            peticion,
            operador,
            realizada_por=operador,
            fecha_visita=timezone.now(),
            resultado=VisitaDomiciliaria.Resultado.NO_ENCONTRADO,
        )


def test_visita_sin_encontrar_a_nadie_no_cambia_el_estado(operador):
    peticion = peticion_atendida()
    seguimiento.registrar_visita(
        peticion,
        operador,
        realizada_por=operador,
        fecha_visita=timezone.now(),
        resultado=VisitaDomiciliaria.Resultado.NO_ENCONTRADO,
    )
    peticion.refresh_from_db()
    assert peticion.estado == Peticion.Estado.ATENDIDA
    assert "no se encontró a nadie" in peticion.bitacora.last().descripcion

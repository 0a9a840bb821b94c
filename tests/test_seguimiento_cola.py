"""The follow-up call queue: derived from the database, handed out one call per operator, abandoned calls return."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.test import override_settings
from django.utils import timezone

from peticiones.acciones import seguimiento
from peticiones.acciones.transiciones import SinPermiso
from peticiones.models import EventoBitacora, LlamadaSeguimiento, Peticion

from .factories import CiudadanoFactory, UsuarioFactory
from .seguimiento_utiles import llamada_vencida, peticion_atendida, tomar

Estado = LlamadaSeguimiento.Estado


@pytest.mark.django_db
@override_settings(SEGUIMIENTO_HORARIO=(0, 24))
def test_la_barrida_encola_una_llamada_tras_la_demora_y_es_idempotente():
    reciente = peticion_atendida(hace_horas=2)
    assert seguimiento.encolar_llamadas() == 1
    assert seguimiento.encolar_llamadas() == 0
    llamada = LlamadaSeguimiento.objects.get(peticion=reciente)
    assert llamada.estado == Estado.PENDIENTE and llamada.intento == 1
    assert llamada.programada_para == reciente.fecha_atendida + timedelta(hours=24)
    evento = reciente.bitacora.get(tipo=EventoBitacora.Tipo.SEGUIMIENTO)
    assert "programada para" in evento.descripcion


@pytest.mark.django_db
@override_settings(SEGUIMIENTO_HORARIO=(0, 24), SEGUIMIENTO_DEMORA_HORAS=48)
def test_la_demora_es_configurable():
    peticion = peticion_atendida(hace_horas=1)
    seguimiento.encolar_llamadas()
    assert LlamadaSeguimiento.objects.get(peticion=peticion).programada_para == peticion.fecha_atendida + timedelta(
        hours=48
    )


@pytest.mark.django_db
def test_no_se_encola_sin_telefono_ni_peticiones_no_atendidas_ni_muy_antiguas():
    peticion_atendida(ciudadano=CiudadanoFactory(telefono=""))
    peticion_atendida(ciudadano=None)
    peticion_atendida(hace_horas=24 * 45)
    abierta = peticion_atendida()
    Peticion.objects.filter(pk=abierta.pk).update(estado=Peticion.Estado.EN_PROCESO)
    assert seguimiento.encolar_llamadas() == 0
    assert not LlamadaSeguimiento.objects.exists()


@pytest.mark.django_db
@override_settings(SEGUIMIENTO_HORARIO=(9, 20))
def test_las_llamadas_se_programan_en_horario_de_atencion():
    noche = timezone.make_aware(timezone.datetime(2026, 11, 24, 22, 30))
    madrugada = timezone.make_aware(timezone.datetime(2026, 11, 24, 6, 0))
    tarde = timezone.make_aware(timezone.datetime(2026, 11, 24, 15, 10))
    assert timezone.localtime(seguimiento.en_horario(noche)) == timezone.make_aware(
        timezone.datetime(2026, 11, 25, 9, 0)
    )
    assert timezone.localtime(seguimiento.en_horario(madrugada)).hour == 9
    assert seguimiento.en_horario(tarde) == tarde


@pytest.mark.django_db
def test_la_base_de_datos_no_admite_dos_llamadas_abiertas_para_una_peticion():
    from django.db import IntegrityError

    llamada = llamada_vencida()
    with pytest.raises(IntegrityError):
        LlamadaSeguimiento.objects.create(
            peticion=llamada.peticion, atendida_el=llamada.atendida_el, intento=2, programada_para=timezone.now()
        )


@pytest.mark.django_db
def test_una_peticion_que_deja_de_estar_atendida_sale_de_la_cola():
    llamada = llamada_vencida()
    Peticion.objects.filter(pk=llamada.peticion_id).update(estado=Peticion.Estado.CERRADA)
    seguimiento.encolar_llamadas()
    llamada.refresh_from_db()
    assert llamada.estado == Estado.CANCELADA


@pytest.mark.django_db
def test_siguiente_llamada_entrega_la_mas_antigua_vencida_y_no_las_futuras(operador):
    futura = llamada_vencida(programada_para=timezone.now() + timedelta(hours=2))
    reciente = llamada_vencida(programada_para=timezone.now() - timedelta(minutes=5))
    antigua = llamada_vencida(programada_para=timezone.now() - timedelta(hours=3))
    llamada = tomar(operador)
    assert llamada.pk == antigua.pk
    assert llamada.estado == Estado.EN_CURSO and llamada.tomada_por == operador and llamada.tomada_el
    otro = UsuarioFactory(rol="Operador")
    assert tomar(otro).pk == reciente.pk
    assert seguimiento.siguiente_llamada(UsuarioFactory(rol="Operador")) is None
    futura.refresh_from_db()
    assert futura.estado == Estado.PENDIENTE


@pytest.mark.django_db
def test_pedir_otra_vez_devuelve_la_llamada_que_ya_tiene(operador):
    primera = llamada_vencida()
    llamada_vencida()
    assert tomar(operador).pk == primera.pk
    assert tomar(operador).pk == primera.pk
    assert LlamadaSeguimiento.objects.filter(estado=Estado.EN_CURSO).count() == 1


@pytest.mark.django_db
@override_settings(SEGUIMIENTO_ABANDONO_MINUTOS=20)
def test_una_llamada_abandonada_vuelve_a_la_cola_tras_el_tiempo_limite(operador, supervisor):
    llamada = llamada_vencida()
    tomar(operador)
    assert seguimiento.siguiente_llamada(supervisor, ahora=timezone.now() + timedelta(minutes=10)) is None
    recuperada = seguimiento.siguiente_llamada(supervisor, ahora=timezone.now() + timedelta(minutes=21))
    assert recuperada.pk == llamada.pk and recuperada.tomada_por == supervisor
    assert "volvió a la cola por inactividad" in llamada.peticion.bitacora.last().descripcion
    with pytest.raises(seguimiento.SeguimientoInvalido, match="ya no está a su nombre"):
        seguimiento.registrar_resultado(llamada, operador, Estado.NO_CONTESTA)


@pytest.mark.django_db
def test_liberar_regresa_la_llamada_a_la_cola(operador, supervisor):
    llamada = llamada_vencida()
    seguimiento.liberar_llamada(tomar(operador), operador)
    assert tomar(supervisor).pk == llamada.pk


@pytest.mark.django_db
def test_solo_quien_hace_seguimiento_pide_llamadas(director):
    llamada_vencida()
    with pytest.raises(SinPermiso):
        seguimiento.siguiente_llamada(director)


requiere_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Concurrencia real (select_for_update skip_locked) sólo en PostgreSQL; SQLite serializa escrituras",
)


def _en_hilos(n: int, trabajo) -> list:
    resultados: list = [None] * n
    errores: list = []
    barrera = threading.Barrier(n)

    def correr(i: int) -> None:
        try:
            barrera.wait()
            resultados[i] = trabajo(i)
        except Exception as error:  # reported by the assertion below
            errores.append(error)
        finally:
            connections.close_all()

    hilos = [threading.Thread(target=correr, args=(i,)) for i in range(n)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join(30)
    assert not errores, errores
    return resultados


@requiere_postgres
@pytest.mark.django_db(transaction=True)
def test_operadores_concurrentes_nunca_reciben_la_misma_llamada():
    operadores = [UsuarioFactory(rol="Operador", password=None) for _ in range(8)]
    for _ in range(5):
        llamada_vencida()
    entregadas = _en_hilos(8, lambda i: seguimiento.siguiente_llamada(operadores[i]))
    ids = [ll.pk for ll in entregadas if ll is not None]
    assert len(ids) == 5 and len(set(ids)) == 5
    assert entregadas.count(None) == 3
    assert LlamadaSeguimiento.objects.filter(estado=Estado.EN_CURSO).values("tomada_por").distinct().count() == 5


@requiere_postgres
@pytest.mark.django_db(transaction=True)
def test_dos_barridas_simultaneas_crean_una_sola_llamada_por_peticion():
    for _ in range(6):
        peticion_atendida()
    creadas = _en_hilos(4, lambda i: seguimiento.encolar_llamadas())
    assert sum(creadas) == 6
    assert LlamadaSeguimiento.objects.count() == 6
    assert EventoBitacora.objects.filter(tipo=EventoBitacora.Tipo.SEGUIMIENTO).count() == 6


@pytest.mark.django_db
def test_siguiente_llamada_salta_y_cancela_la_de_una_peticion_ya_cerrada(operador):
    cerrada = llamada_vencida(programada_para=timezone.now() - timedelta(hours=5))
    Peticion.objects.filter(pk=cerrada.peticion_id).update(estado=Peticion.Estado.CERRADA)
    vigente = llamada_vencida()
    assert tomar(operador).pk == vigente.pk
    cerrada.refresh_from_db()
    assert cerrada.estado == Estado.CANCELADA

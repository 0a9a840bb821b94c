"""The 24-hour policy job: marks overdue once, tells the enlaces once, escalates at 2× and 3× once each."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from peticiones import vencimientos
from peticiones.acciones import transiciones as t
from peticiones.models import EventoBitacora, Notificacion, Peticion
from peticiones.notificaciones import enviar_pendientes

from .escenario_turnado import crear_escenario
from .factories import PeticionFactory

M = Notificacion.Motivo


def _atrasada(escena, horas: float) -> Peticion:
    """A turned request received `horas` ago (plazo 24 h)."""
    recibida = timezone.now() - timedelta(hours=horas)
    peticion = PeticionFactory(
        categoria=escena.peticion.categoria, fecha_recepcion=recibida, fecha_limite=recibida + timedelta(hours=24)
    )
    t.turnar(peticion, escena.supervisor, escena.direccion)
    return peticion


@pytest.mark.django_db
def test_marca_vencidas_en_una_sola_update_y_avisa_una_vez():
    escena = crear_escenario()
    vencidas = [_atrasada(escena, 25 + i) for i in range(3)]
    a_tiempo = _atrasada(escena, 2)
    with CaptureQueriesContext(connection) as consultas:
        resumen = vencimientos.revisar_vencimientos()
    updates = [q["sql"] for q in consultas.captured_queries if q["sql"].startswith('UPDATE "peticiones_peticion"')]
    assert len(updates) == 1, updates
    assert sorted(resumen.vencidas) == sorted(p.pk for p in vencidas)
    for peticion in vencidas:
        peticion.refresh_from_db()
        assert peticion.fecha_vencida and peticion.nivel_escalamiento == 1
        avisos = peticion.notificaciones.filter(motivo=M.VENCIDA)
        # enlace + titular (both enlaces): in-app + e-mail each, plus the dirección's mailbox.
        assert avisos.filter(canal="app").count() == 2
        assert avisos.filter(canal="correo").count() == 3
        assert peticion.bitacora.filter(tipo=EventoBitacora.Tipo.VENCIMIENTO).count() == 1
    a_tiempo.refresh_from_db()
    assert a_tiempo.fecha_vencida is None and not a_tiempo.notificaciones.filter(motivo=M.VENCIDA).exists()

    antes = Notificacion.objects.count()
    assert vencimientos.revisar_vencimientos().vencidas == []
    assert Notificacion.objects.count() == antes


@pytest.mark.django_db
def test_escala_al_titular_al_doble_y_al_director_al_triple_una_vez_cada_uno():
    escena = crear_escenario()
    peticion = _atrasada(escena, 50)
    vencimientos.revisar_vencimientos()
    peticion.refresh_from_db()
    assert peticion.nivel_escalamiento == 2
    titular = peticion.notificaciones.filter(motivo=M.ESCALAMIENTO_TITULAR)
    assert set(titular.values_list("canal", "usuario")) == {("app", escena.titular.pk), ("correo", escena.titular.pk)}
    assert not peticion.notificaciones.filter(motivo=M.ESCALAMIENTO_DIRECTOR).exists()

    vencimientos.revisar_vencimientos()  # still 2×: nothing new
    assert peticion.notificaciones.filter(motivo=M.ESCALAMIENTO_TITULAR).count() == 2

    Peticion.objects.filter(pk=peticion.pk).update(fecha_recepcion=timezone.now() - timedelta(hours=73))
    vencimientos.revisar_vencimientos()
    vencimientos.revisar_vencimientos()
    peticion.refresh_from_db()
    assert peticion.nivel_escalamiento == 3
    director = peticion.notificaciones.filter(motivo=M.ESCALAMIENTO_DIRECTOR)
    assert set(director.values_list("canal", "usuario")) == {
        ("app", escena.director.pk),
        ("correo", escena.director.pk),
    }
    assert peticion.notificaciones.filter(motivo=M.ESCALAMIENTO_TITULAR).count() == 2
    assert peticion.bitacora.filter(tipo=EventoBitacora.Tipo.ESCALAMIENTO).count() == 2


@pytest.mark.django_db
def test_atendida_o_cerrada_no_se_marca_ni_escala():
    escena = crear_escenario()
    peticion = _atrasada(escena, 80)
    t.marcar_atendida(peticion, escena.enlace, "Se repuso la luminaria")
    assert vencimientos.revisar_vencimientos().vencidas == []
    peticion.refresh_from_db()
    assert peticion.fecha_vencida is None and peticion.nivel_escalamiento == 0


@pytest.mark.django_db
def test_el_comando_hace_lo_mismo_que_la_tarea(capsys):
    escena = crear_escenario()
    _atrasada(escena, 30)
    call_command("revisar_vencimientos")
    assert "1 vencida(s) nueva(s)" in capsys.readouterr().out
    call_command("revisar_vencimientos")
    assert "0 vencida(s) nueva(s)" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_dos_trabajadores_a_la_vez_no_avisan_dos_veces(settings):
    if connection.vendor != "postgresql":
        pytest.skip("La concurrencia real (bloqueos de fila) sólo se prueba en PostgreSQL")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    escena = crear_escenario()
    peticiones = [_atrasada(escena, 25 + (i % 3) * 24) for i in range(12)]  # 1×, 2× and 3× overdue
    Notificacion.objects.all().delete()
    mail.outbox = []

    def en_paralelo(funcion):
        barrera = threading.Barrier(2)
        errores = []

        def trabajador():
            try:
                barrera.wait()
                funcion()
            except Exception as exc:  # surfaced below
                errores.append(exc)
            finally:
                connection.close()

        hilos = [threading.Thread(target=trabajador) for _ in range(2)]
        for hilo in hilos:
            hilo.start()
        for hilo in hilos:
            hilo.join(30)
        assert not errores, errores

    en_paralelo(vencimientos.revisar_vencimientos)
    en_paralelo(vencimientos.revisar_vencimientos)
    for peticion in peticiones:
        assert peticion.bitacora.filter(tipo=EventoBitacora.Tipo.VENCIMIENTO).count() == 1
    claves = list(Notificacion.objects.values_list("clave", flat=True))
    assert len(claves) == len(set(claves))
    # enlaces: 2 app + 3 correo each; titular: 2 for the 8 at ≥2×; director: 2 for the 4 at 3×.
    assert len(claves) == 12 * 5 + 8 * 2 + 4 * 2

    en_paralelo(enviar_pendientes)
    en_paralelo(enviar_pendientes)
    correos = Notificacion.objects.filter(canal="correo")
    assert len(mail.outbox) == correos.count() == 12 * 3 + 8 + 4
    assert set(correos.values_list("estado", flat=True)) == {"enviada"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(correos.values_list("destinatario", flat=True))

"""The citizen is told when a request is attended (or cannot be): outbox, backends, retries, bitácora."""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from peticiones import notificaciones
from peticiones.acciones import transiciones as t
from peticiones.models import EventoBitacora, Notificacion, Peticion

from .escenario_turnado import crear_escenario
from .factories import CanalFactory, PeticionFactory

pytestmark = pytest.mark.django_db

FALLAS = []


class BackendQueFalla:
    """SMS provider that is down."""

    def enviar(self, *, canal, telefono, texto):
        FALLAS.append(telefono)
        raise ConnectionError("el proveedor no responde")


@pytest.fixture
def atendida():
    escena = crear_escenario()
    escena.peticion.ciudadano.correo = "vecina@example.mx"
    escena.peticion.ciudadano.save()
    t.turnar(escena.peticion, escena.supervisor, escena.direccion)
    t.marcar_atendida(escena.peticion, escena.enlace, "Se cambió la lámpara por una LED")
    escena.peticion.refresh_from_db()
    return escena.peticion


def test_al_atender_se_encolan_correo_y_sms_en_la_misma_transaccion(atendida):
    avisos = atendida.notificaciones.filter(motivo=Notificacion.Motivo.ATENDIDA)
    assert set(avisos.values_list("canal", "estado")) == {("correo", "pendiente"), ("sms", "pendiente")}
    sms = avisos.get(canal="sms")
    assert atendida.folio in sms.cuerpo and "Se cambió la lámpara" in sms.cuerpo
    assert atendida.bitacora.filter(
        tipo=EventoBitacora.Tipo.NOTIFICACION, descripcion__startswith="Aviso al ciudadano en cola"
    ).exists()


def test_el_barrido_envia_correo_y_sms_y_lo_escribe_en_la_bitacora(atendida, caplog):
    with caplog.at_level(logging.INFO, logger="peticiones.notificaciones"):
        assert notificaciones.enviar_pendientes() == 2
    assert len(mail.outbox) == 1
    correo = mail.outbox[0]
    assert correo.to == ["vecina@example.mx"]
    assert atendida.folio in correo.subject and "Se cambió la lámpara por una LED" in correo.body
    assert "Dirección de Alumbrado Público" in correo.body and "/consulta/" in correo.body
    assert any("[SMS]" in r.getMessage() and atendida.folio in r.getMessage() for r in caplog.records)
    assert set(atendida.notificaciones.values_list("estado", flat=True)) == {"enviada"}
    enviados = atendida.bitacora.filter(tipo=EventoBitacora.Tipo.NOTIFICACION, datos__resultado="enviada")
    assert enviados.count() == 2
    # Running the sweep again, or the task for the same row, sends nothing more.
    assert notificaciones.enviar_pendientes() == 0
    assert not notificaciones.enviar(atendida.notificaciones.first().pk).enviada
    assert len(mail.outbox) == 1


def test_peticion_por_whatsapp_avisa_por_whatsapp():
    escena = crear_escenario()
    peticion = PeticionFactory(
        categoria=escena.peticion.categoria, canal=CanalFactory(clave="whatsapp", nombre="WhatsApp")
    )
    t.turnar(peticion, escena.supervisor, escena.direccion)
    t.marcar_atendida(peticion, escena.enlace, "Listo")
    avisos = peticion.notificaciones.filter(motivo=Notificacion.Motivo.ATENDIDA)
    assert list(avisos.values_list("canal", flat=True)) == ["whatsapp"]


def test_un_aviso_fallido_se_reintenta_con_espera_y_no_toca_la_peticion(atendida, settings):
    settings.SIRC_MENSAJERIA_BACKEND = "tests.test_aviso_al_ciudadano.BackendQueFalla"
    sms = atendida.notificaciones.get(canal="sms")
    resultado = notificaciones.enviar(sms.pk)
    assert resultado == notificaciones.Resultado(enviada=False, reintentar_en=60)
    sms.refresh_from_db()
    assert sms.estado == "pendiente" and sms.intentos == 1 and "el proveedor no responde" in sms.ultimo_error
    assert sms.proximo_intento > timezone.now() + timedelta(seconds=50)
    atendida.refresh_from_db()
    assert atendida.estado == Peticion.Estado.ATENDIDA
    falla = atendida.bitacora.get(datos__resultado="fallo")
    assert "Falló el aviso por SMS" in falla.descripcion and "intento 1 de 7" in falla.descripcion
    # Not due yet: the sweep leaves it alone (the correo goes out).
    assert notificaciones.enviar_pendientes() == 1
    assert len(FALLAS) == 1
    # Due again, with the provider back: sent once.
    settings.SIRC_MENSAJERIA_BACKEND = "peticiones.notificaciones.BackendRegistro"
    Notificacion.objects.filter(pk=sms.pk).update(proximo_intento=timezone.now())
    assert notificaciones.enviar_pendientes() == 1
    sms.refresh_from_db()
    assert sms.estado == "enviada" and sms.intentos == 2


def test_tras_el_ultimo_intento_queda_fallida_y_lo_dice_la_bitacora(atendida, settings):
    settings.SIRC_MENSAJERIA_BACKEND = "tests.test_aviso_al_ciudadano.BackendQueFalla"
    sms = atendida.notificaciones.get(canal="sms")
    for _ in range(notificaciones.MAX_INTENTOS):
        Notificacion.objects.filter(pk=sms.pk).update(proximo_intento=timezone.now())
        notificaciones.enviar(sms.pk)
    sms.refresh_from_db()
    assert sms.estado == "fallida" and sms.intentos == notificaciones.MAX_INTENTOS
    assert "Requiere atención manual" in atendida.bitacora.filter(datos__resultado="fallo").last().descripcion
    assert not notificaciones.enviar(sms.pk).enviada


def test_un_trabajador_caido_a_media_entrega_se_retoma_al_vencer_el_bloqueo(atendida):
    correo = atendida.notificaciones.get(canal="correo")
    Notificacion.objects.filter(pk=correo.pk).update(
        estado="enviando", bloqueada_hasta=timezone.now() + timedelta(minutes=5)
    )
    assert not notificaciones.enviar(correo.pk).enviada
    Notificacion.objects.filter(pk=correo.pk).update(bloqueada_hasta=timezone.now() - timedelta(seconds=1))
    assert notificaciones.enviar(correo.pk).enviada


def test_improcedente_avisa_el_motivo_y_quien_lo_decidio():
    escena = crear_escenario()
    escena.peticion.ciudadano.correo = "vecino@example.mx"
    escena.peticion.ciudadano.save()
    t.declarar_improcedente(escena.peticion, escena.supervisor, "La calle es de jurisdicción federal")
    notificaciones.enviar_pendientes()
    cuerpo = mail.outbox[0].body
    assert "no es posible atenderla" in cuerpo and "La calle es de jurisdicción federal" in cuerpo
    assert "Dirección de Alumbrado Público" in cuerpo and "atendida" not in mail.outbox[0].subject


def test_peticion_anonima_deja_constancia_de_que_no_hubo_aviso():
    escena = crear_escenario()
    anonima = PeticionFactory(categoria=escena.peticion.categoria, ciudadano=None)
    t.turnar(anonima, escena.supervisor, escena.direccion)
    t.marcar_atendida(anonima, escena.enlace, "Hecho")
    assert not anonima.notificaciones.filter(motivo=Notificacion.Motivo.ATENDIDA).exists()
    assert anonima.bitacora.filter(descripcion__startswith="No se avisó al ciudadano").exists()


def test_el_enlace_ve_sus_avisos_en_sirc(client):
    escena = crear_escenario()
    t.turnar(escena.peticion, escena.supervisor, escena.direccion, nota="Urge, hay niños")
    client.force_login(escena.enlace)
    html = client.get(reverse("peticiones:avisos")).content.decode()
    assert f"Nueva petición turnada: {escena.peticion.folio}" in html and "Urge, hay niños" in html
    assert "1 aviso(s) sin leer" in html
    client.post(reverse("peticiones:marcar_avisos_leidos"))
    assert "sin leer" not in client.get(reverse("peticiones:avisos")).content.decode()
    client.force_login(escena.enlace_ajeno)
    assert escena.peticion.folio not in client.get(reverse("peticiones:avisos")).content.decode()


def test_la_lista_de_avisos_no_hace_una_consulta_por_aviso(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    escena = crear_escenario()
    client.force_login(escena.enlace)
    t.turnar(escena.peticion, escena.supervisor, escena.direccion)
    with CaptureQueriesContext(connection) as pocas:
        client.get(reverse("peticiones:avisos"))
    for _ in range(10):
        t.turnar(PeticionFactory(categoria=escena.peticion.categoria), escena.supervisor, escena.direccion)
    with CaptureQueriesContext(connection) as muchas:
        client.get(reverse("peticiones:avisos"))
    assert len(muchas) == len(pocas)


def test_acuse_de_recepcion_con_folio_y_consulta():
    escena = crear_escenario()
    evento = escena.peticion.bitacora.create(tipo=EventoBitacora.Tipo.CAPTURA, descripcion="Recibida")
    avisos = notificaciones.avisar_ciudadano(escena.peticion, Notificacion.Motivo.RECIBIDA, evento)
    assert [a.canal for a in avisos] == ["sms"]
    assert escena.peticion.folio in avisos[0].cuerpo and "/consulta/" in avisos[0].cuerpo
    assert "recibimos su reporte" in avisos[0].cuerpo

"""WhatsApp's 24-hour customer-service window: inside it replies and notices go as free text; outside it
(or to a citizen who never wrote) as the approved template. A permanent refusal from the Cloud API (sent
back at once or later through the `statuses` webhook) falls back to SMS unless the citizen opposed (ARCO).
The real Cloud backend builds every payload; only its `publicar` (the network) is replaced."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from peticiones import notificaciones
from peticiones.acciones import transiciones
from peticiones.mensajeria import BackendWhatsAppCloud, error_de_whatsapp
from peticiones.models import ConversacionWhatsApp, EventoBitacora, Notificacion, Peticion
from peticiones.notificaciones import parametro_de_plantilla

from .factories import CanalFactory, CiudadanoFactory, PeticionFactory
from .whatsapp_utiles import SECRETO, enviar_webhook, estado_fallido, mensaje

pytestmark = pytest.mark.django_db

PUBLICADOS: list[dict] = []
RESPUESTAS: list[dict] = []  # Cloud API answers to give, in order; none left: accepted
HORA = 3600


class CloudSinRed(BackendWhatsAppCloud):
    """The production backend with the network cut at its one door: what it would POST is kept."""

    def publicar(self, url: str, cuerpo: dict) -> dict:
        PUBLICADOS.append(cuerpo)
        if RESPUESTAS:
            respuesta = RESPUESTAS.pop(0)
            if "error" in respuesta:
                raise error_de_whatsapp(respuesta)
            return respuesta
        return {
            "messaging_product": "whatsapp",
            "contacts": [{"input": cuerpo["to"], "wa_id": cuerpo["to"]}],
            "messages": [{"id": f"wamid.salida.{len(PUBLICADOS)}"}],
        }


def error_graph(codigo: int, mensaje_: str = "Message undeliverable") -> dict:
    """A Cloud API error answer (HTTP 400), as documented."""
    return {
        "error": {
            "message": f"(#{codigo}) {mensaje_}",
            "type": "OAuthException",
            "code": codigo,
            "error_data": {"messaging_product": "whatsapp", "details": mensaje_},
            "fbtrace_id": "Az8or2yhqkZfEZ-_4Qn_Bam",
        }
    }


@pytest.fixture(autouse=True)
def ajustes(settings):
    settings.WHATSAPP_APP_SECRET = SECRETO
    settings.WHATSAPP_PHONE_NUMBER_ID = "106540352242922"
    settings.WHATSAPP_PLANTILLA_AVISO = "sirc_aviso"
    settings.WHATSAPP_PLANTILLA_IDIOMA = "es_MX"
    settings.SIRC_MENSAJERIA_BACKEND = "tests.test_whatsapp_ventana.CloudSinRed"
    PUBLICADOS.clear()
    RESPUESTAS.clear()
    cache.clear()


def _responder(client, operador, texto: str):
    conversacion = ConversacionWhatsApp.objects.get()
    client.force_login(operador)
    return client.post(f"/peticiones/mensajes/{conversacion.pk}/responder/", {"texto": texto}, follow=True)


def test_dentro_de_la_ventana_la_respuesta_va_como_texto_libre(client, operador):
    enviar_webhook(client, mensaje(hace_segundos=23 * HORA))
    conversacion = ConversacionWhatsApp.objects.get()
    client.force_login(operador)
    pagina = client.get(f"/peticiones/mensajes/{conversacion.pk}/").content.decode()
    assert "Puede escribir libremente hasta el" in pagina and "ventana de 24 horas está cerrada" not in pagina
    respuesta = _responder(client, operador, "Gracias.\n¿Nos comparte su ubicación?")
    assert "Respuesta en camino por WhatsApp." in respuesta.content.decode()
    assert notificaciones.enviar_pendientes() == 1
    assert PUBLICADOS == [
        {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": "5212291112233",
            "type": "text",
            "text": {"preview_url": False, "body": "Gracias.\n¿Nos comparte su ubicación?"},
        }
    ]
    aviso = Notificacion.objects.get()
    assert aviso.estado == "enviada" and aviso.plantilla == "" and aviso.id_proveedor == "wamid.salida.1"


def test_fuera_de_la_ventana_la_respuesta_va_con_la_plantilla(client, operador):
    enviar_webhook(client, mensaje(hace_segundos=25 * HORA))
    conversacion = ConversacionWhatsApp.objects.get()
    client.force_login(operador)
    pagina = client.get(f"/peticiones/mensajes/{conversacion.pk}/").content.decode()
    assert "La ventana de 24 horas está cerrada desde el" in pagina and "«sirc_aviso»" in pagina
    assert "Enviar con la plantilla" in pagina
    respuesta = _responder(client, operador, "Su reporte ya\n\ntiene folio     2026-000123")
    assert "con la plantilla «sirc_aviso»" in respuesta.content.decode()
    assert notificaciones.enviar_pendientes() == 1
    assert PUBLICADOS == [
        {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": "5212291112233",
            "type": "template",
            "template": {
                "name": "sirc_aviso",
                "language": {"code": "es_MX"},
                "components": [
                    {"type": "body", "parameters": [{"type": "text", "text": "Su reporte ya tiene folio 2026-000123"}]}
                ],
            },
        }
    ]
    assert Notificacion.objects.get().plantilla == "sirc_aviso"
    assert "(plantilla «sirc_aviso»)" in client.get(f"/peticiones/mensajes/{conversacion.pk}/").content.decode()


def test_el_ciudadano_vuelve_a_escribir_y_la_ventana_se_reabre(client, operador):
    enviar_webhook(client, mensaje(hace_segundos=30 * HORA))
    enviar_webhook(client, mensaje(id_="wamid.2", texto="¿Sigue ahí?"))
    _responder(client, operador, "Sí, aquí estamos")
    notificaciones.enviar_pendientes()
    assert PUBLICADOS[0]["type"] == "text"


def test_una_fecha_futura_en_el_webhook_no_alarga_la_ventana(client, operador):
    enviar_webhook(client, mensaje(hace_segundos=-48 * HORA))  # a forged timestamp two days ahead
    mensaje_guardado = ConversacionWhatsApp.objects.get().mensajes.get()
    assert mensaje_guardado.fecha <= timezone.now()


def _peticion_whatsapp(**kwargs) -> Peticion:
    ciudadano = CiudadanoFactory(telefono="2291112233", correo="")
    return PeticionFactory(
        canal=CanalFactory(clave="whatsapp", nombre="WhatsApp"),
        ciudadano=ciudadano,
        estado=Peticion.Estado.TURNADA,
        **kwargs,
    )


def test_el_aviso_de_cierre_a_quien_nunca_escribio_va_con_la_plantilla(supervisor):
    peticion = _peticion_whatsapp()
    transiciones.marcar_atendida(peticion, supervisor, "Se reparó la fuga.\nGracias por reportar.")
    assert notificaciones.enviar_pendientes() == 1
    (cuerpo,) = PUBLICADOS
    assert cuerpo["type"] == "template" and cuerpo["to"] == "522291112233"
    parametro = cuerpo["template"]["components"][0]["parameters"][0]["text"]
    assert peticion.folio in parametro and "Se reparó la fuga. Gracias por reportar." in parametro
    assert "\n" not in parametro
    assert peticion.bitacora.filter(descripcion__contains="con la plantilla «sirc_aviso»").exists()


def test_el_aviso_de_cierre_dentro_de_la_ventana_va_como_texto(client, supervisor):
    enviar_webhook(client, mensaje(wa_id="5212291112233", hace_segundos=2 * HORA))
    peticion = _peticion_whatsapp()
    transiciones.marcar_atendida(peticion, supervisor, "Se reparó la fuga")
    notificaciones.enviar_pendientes()
    assert PUBLICADOS[0]["type"] == "text" and "Se reparó la fuga" in PUBLICADOS[0]["text"]["body"]


def test_no_entregable_al_enviar_cae_a_sms_una_sola_vez(supervisor):
    peticion = _peticion_whatsapp()
    RESPUESTAS.append(error_graph(131026))
    transiciones.marcar_atendida(peticion, supervisor, "Se reparó la fuga")
    notificaciones.enviar_pendientes()
    whatsapp = Notificacion.objects.get(canal="whatsapp")
    assert whatsapp.estado == "fallida" and whatsapp.intentos == 1 and "131026" in whatsapp.ultimo_error
    sms = Notificacion.objects.get(canal="sms")
    assert sms.respaldo_de == whatsapp and sms.destinatario == "2291112233" and sms.cuerpo == whatsapp.cuerpo
    assert peticion.bitacora.filter(descripcion__contains="se avisa por SMS a ******2233").exists()
    assert notificaciones.enviar_pendientes() == 1  # the SMS (queued after this pass had listed its rows)
    sms.refresh_from_db()
    assert sms.estado == "enviada" and len(PUBLICADOS) == 1  # SMS does not go through the Cloud API
    assert notificaciones.enviar_pendientes() == 0
    assert Notificacion.objects.filter(canal="sms").count() == 1


def test_fallo_informado_despues_por_el_webhook_de_estados(client, supervisor):
    peticion = _peticion_whatsapp()
    transiciones.marcar_atendida(peticion, supervisor, "Se reparó la fuga")
    notificaciones.enviar_pendientes()
    whatsapp = Notificacion.objects.get(canal="whatsapp")
    assert whatsapp.estado == "enviada" and whatsapp.id_proveedor == "wamid.salida.1"
    for _ in range(2):  # Meta repeats status webhooks
        assert enviar_webhook(client, estado_fallido("wamid.salida.1", 131026)).status_code == 200
    whatsapp.refresh_from_db()
    assert whatsapp.estado == "fallida" and "131026" in whatsapp.ultimo_error
    assert Notificacion.objects.filter(canal="sms", respaldo_de=whatsapp).count() == 1
    enviar_webhook(client, estado_fallido("wamid.desconocido", 131026))  # not ours: nothing happens
    assert Notificacion.objects.count() == 2


def test_la_oposicion_arco_bloquea_el_sms_de_respaldo(client, supervisor):
    peticion = _peticion_whatsapp()
    transiciones.marcar_atendida(peticion, supervisor, "Se reparó la fuga")
    notificaciones.enviar_pendientes()
    peticion.ciudadano.oposicion_contacto = timezone.now()
    peticion.ciudadano.save(update_fields=["oposicion_contacto"])
    enviar_webhook(client, estado_fallido("wamid.salida.1", 131026))
    assert not Notificacion.objects.filter(canal="sms").exists()
    assert peticion.bitacora.filter(descripcion__contains="ejerció su derecho de oposición").exists()


def test_la_oposicion_de_quien_tiene_ese_telefono_bloquea_el_sms_de_una_respuesta(client, operador):
    CiudadanoFactory(telefono="2291112233", oposicion_contacto=timezone.now())
    enviar_webhook(client, mensaje())
    _responder(client, operador, "Gracias")
    RESPUESTAS.append(error_graph(131026))
    notificaciones.enviar_pendientes()
    assert Notificacion.objects.get().estado == "fallida"
    assert not Notificacion.objects.filter(canal="sms").exists()


def test_respuesta_a_conversacion_no_entregable_cae_a_sms_y_se_ve_en_mensajes(client, operador):
    enviar_webhook(client, mensaje())
    _responder(client, operador, "Gracias")
    RESPUESTAS.append(error_graph(131050, "User stopped marketing messages"))
    notificaciones.enviar_pendientes()
    sms = Notificacion.objects.get(canal="sms")
    assert sms.destinatario == "2291112233" and sms.peticion is None
    pagina = client.get(f"/peticiones/mensajes/{ConversacionWhatsApp.objects.get().pk}/").content.decode()
    assert "Fallida" in pagina and "reenviado por SMS" in pagina


def test_texto_rechazado_por_ventana_cerrada_se_reenvia_con_la_plantilla(client, operador):
    enviar_webhook(client, mensaje(hace_segundos=HORA))
    _responder(client, operador, "Gracias")
    RESPUESTAS.append(error_graph(131047, "Re-engagement message"))
    notificaciones.enviar_pendientes()
    notificaciones.enviar_pendientes()
    texto, plantilla = PUBLICADOS
    assert texto["type"] == "text" and plantilla["type"] == "template"
    assert plantilla["template"]["components"][0]["parameters"][0]["text"] == "Gracias"
    reenvio = Notificacion.objects.get(plantilla="sirc_aviso")
    assert reenvio.respaldo_de.estado == "fallida" and reenvio.estado == "enviada"
    assert not Notificacion.objects.filter(canal="sms").exists()


def test_un_error_pasajero_se_reintenta_sin_sms(supervisor):
    peticion = _peticion_whatsapp()
    RESPUESTAS.append(error_graph(130429, "Rate limit hit"))
    transiciones.marcar_atendida(peticion, supervisor, "Se reparó la fuga")
    notificaciones.enviar_pendientes()
    aviso = Notificacion.objects.get()
    assert aviso.estado == "pendiente" and aviso.proximo_intento > timezone.now() and "130429" in aviso.ultimo_error
    assert peticion.bitacora.filter(tipo=EventoBitacora.Tipo.NOTIFICACION, descripcion__contains="Se reintentará")


def test_sin_plantilla_configurada_fuera_de_la_ventana_va_por_sms(client, operador, settings):
    settings.WHATSAPP_PLANTILLA_AVISO = ""
    enviar_webhook(client, mensaje(hace_segundos=48 * HORA))
    conversacion = ConversacionWhatsApp.objects.get()
    client.force_login(operador)
    pagina = client.get(f"/peticiones/mensajes/{conversacion.pk}/").content.decode()
    assert "no hay ninguna configurada" in pagina and "Enviar por SMS" in pagina
    _responder(client, operador, "Gracias")
    notificaciones.enviar_pendientes()
    assert PUBLICADOS == []
    assert Notificacion.objects.get(canal="whatsapp").estado == "fallida"
    assert Notificacion.objects.get(canal="sms").destinatario == "2291112233"


def test_el_parametro_de_la_plantilla_cumple_las_reglas_de_meta():
    assert parametro_de_plantilla("a\n\nb\tc      d\x00") == "a b c d"
    largo = parametro_de_plantilla("x" * 5000)
    assert len(largo) == notificaciones.MAX_PARAMETRO and largo.endswith("…")


@pytest.mark.parametrize(
    "datos,clase",
    [
        (error_graph(131026), notificaciones.EnvioImposible),
        (error_graph(131047), notificaciones.VentanaCerrada),
        ({"code": 131050, "title": "stopped"}, notificaciones.EnvioImposible),
        (error_graph(131000, "Something went wrong"), Exception),
        ({}, Exception),
        ("no es un dict", Exception),
    ],
)
def test_clasificacion_de_errores_de_la_cloud_api(datos, clase):
    error = error_de_whatsapp(datos)
    assert isinstance(error, clase)
    if clase is Exception:
        assert not isinstance(error, notificaciones.EnvioImposible)

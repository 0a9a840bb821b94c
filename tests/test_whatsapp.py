"""WhatsApp intake: the Cloud API webhook (handshake, X-Hub-Signature-256, text/location/image, idempotent on
the message id), the «Mensajes» inbox (answer, link, make a petición) and replies / closure notices through
the outbox and the pluggable backend. Nothing reaches the internet: the media fetcher and backend are fakes."""

import hashlib
import hmac
import io

import pytest
from django.core.cache import cache
from PIL import Image

from peticiones import notificaciones, roles
from peticiones.acciones import transiciones
from peticiones.acciones import whatsapp as acciones
from peticiones.mensajeria import Medio, firma_valida, numero_internacional
from peticiones.models import (
    ConversacionWhatsApp,
    EventoBitacora,
    Evidencia,
    MensajeWhatsApp,
    Notificacion,
    Peticion,
)

from .factories import CanalFactory, CategoriaFactory, ColoniaFactory, PeticionFactory, TipoPeticionFactory
from .whatsapp_utiles import SECRETO, enviar_webhook, mensaje

pytestmark = pytest.mark.django_db

ENVIADOS: list[dict] = []
DESCARGAS: list[str] = []


def _jpeg() -> bytes:
    contenido = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(contenido, "JPEG")
    return contenido.getvalue()


class DescargadorFalso:
    """Stands in for the Graph API: media id «roto» fails, «pdf» is not an image."""

    def descargar(self, medio_id: str) -> Medio:
        DESCARGAS.append(medio_id)
        if medio_id == "roto":
            raise ConnectionError("sin red")
        if medio_id == "pdf":
            return Medio(b"%PDF-1.4", "application/pdf")
        return Medio(_jpeg(), "image/jpeg")


class BackendFalso:
    def enviar(self, *, canal: str, telefono: str, texto: str) -> None:
        ENVIADOS.append({"canal": canal, "telefono": telefono, "texto": texto})


@pytest.fixture(autouse=True)
def ajustes(settings):
    settings.WHATSAPP_VERIFY_TOKEN = "token-de-verificacion"
    settings.WHATSAPP_APP_SECRET = SECRETO
    settings.WHATSAPP_DESCARGADOR = "tests.test_whatsapp.DescargadorFalso"
    settings.SIRC_MENSAJERIA_BACKEND = "tests.test_whatsapp.BackendFalso"
    ENVIADOS.clear()
    DESCARGAS.clear()
    cache.clear()


# --- webhook -------------------------------------------------------------------------------------------------


def test_verificacion_del_webhook(client, settings):
    ok = client.get(
        "/whatsapp/webhook/",
        {"hub.mode": "subscribe", "hub.verify_token": "token-de-verificacion", "hub.challenge": "1158201444"},
    )
    assert ok.status_code == 200 and ok.content == b"1158201444"
    malo = client.get("/whatsapp/webhook/", {"hub.mode": "subscribe", "hub.verify_token": "otro", "hub.challenge": "1"})
    assert malo.status_code == 403
    settings.WHATSAPP_VERIFY_TOKEN = ""
    vacio = client.get("/whatsapp/webhook/", {"hub.mode": "subscribe", "hub.verify_token": "", "hub.challenge": "1"})
    assert vacio.status_code == 403


@pytest.mark.parametrize(
    "secreto,firma", [(None, None), ("otro-secreto", None), (SECRETO, "sha256=00"), (SECRETO, "md5=x")]
)
def test_firma_invalida_se_rechaza_y_no_guarda_nada(client, secreto, firma):
    assert enviar_webhook(client, mensaje(), secreto=secreto, firma=firma).status_code == 403
    assert not MensajeWhatsApp.objects.exists()


def test_sin_secreto_configurado_nada_es_valido(settings):
    settings.WHATSAPP_APP_SECRET = ""
    assert not firma_valida(b"{}", "sha256=" + hmac.new(b"", b"{}", hashlib.sha256).hexdigest())


def test_texto_ubicacion_e_imagen(client):
    assert enviar_webhook(client, mensaje()).content == b"EVENT_RECEIVED"
    enviar_webhook(client, mensaje("location", id_="wamid.2"))
    enviar_webhook(client, mensaje("image", id_="wamid.3"))
    conversacion = ConversacionWhatsApp.objects.get()
    assert conversacion.wa_id == "5212291112233" and conversacion.nombre_perfil == "Rosa Chama"
    assert conversacion.estado == ConversacionWhatsApp.Estado.PENDIENTE
    texto, lugar, foto = conversacion.mensajes.order_by("pk")
    assert texto.texto == "Hay una fuga de agua en mi calle"
    assert (str(lugar.latitud), str(lugar.longitud)) == ("19.200100", "-96.140100") and "Arista" in lugar.texto
    assert foto.medio_estado == "pendiente" and foto.medio_id == "m1" and foto.texto == "Así está"
    assert acciones.descargar_pendientes() == 1
    foto.refresh_from_db()
    assert foto.medio_estado == "descargado" and foto.medio_tipo == "image/jpeg" and foto.medio.size > 0


def test_idempotente_por_id_de_mensaje(client):
    for _ in range(3):
        assert enviar_webhook(client, mensaje()).status_code == 200
    assert MensajeWhatsApp.objects.count() == 1


def test_cargas_raras_no_dan_500(client):
    for payload in [
        {},
        [],
        {"entry": "x"},
        {"entry": [{"changes": [{"value": {"messages": [{"id": "a"}]}}]}]},
        {"entry": [{"changes": [{"value": {"statuses": [{"id": "wamid.x", "status": "delivered"}]}}]}]},
        mensaje("sticker", id_="wamid.9"),
        mensaje("location", id_="wamid.10", lat="nan", lng="1e999"),
        mensaje(texto="\x00<script>" * 1000, id_="wamid.11"),
    ]:
        assert enviar_webhook(client, payload).status_code == 200
    assert enviar_webhook(client, "no es json").status_code == 200  # a JSON string: valid, nothing to store
    cuerpo = b"{no json"
    firma = "sha256=" + hmac.new(SECRETO.encode(), cuerpo, hashlib.sha256).hexdigest()
    respuesta = client.post(
        "/whatsapp/webhook/", cuerpo, content_type="application/json", HTTP_X_HUB_SIGNATURE_256=firma
    )
    assert respuesta.status_code == 400
    otro = MensajeWhatsApp.objects.get(wa_mensaje_id="wamid.9")
    assert otro.tipo == "otro" and "sticker" in otro.texto
    assert MensajeWhatsApp.objects.get(wa_mensaje_id="wamid.10").latitud is None
    assert "\x00" not in MensajeWhatsApp.objects.get(wa_mensaje_id="wamid.11").texto


def test_imagen_que_no_es_imagen_o_descarga_fallida(client):
    enviar_webhook(client, mensaje("image", id_="wamid.20", medio="pdf"))
    enviar_webhook(client, mensaje("image", id_="wamid.21", medio="roto"))
    for _ in range(acciones.MAX_INTENTOS_DESCARGA + 1):
        acciones.descargar_pendientes()
    assert MensajeWhatsApp.objects.get(wa_mensaje_id="wamid.20").medio_estado == "rechazado"
    roto = MensajeWhatsApp.objects.get(wa_mensaje_id="wamid.21")
    assert roto.medio_estado == "fallido" and roto.medio_intentos == acciones.MAX_INTENTOS_DESCARGA
    assert DESCARGAS.count("roto") == acciones.MAX_INTENTOS_DESCARGA


# --- inbox ------------------------------------------------------------------------------------------------


def test_bandeja_solo_para_quien_captura(client, usuario_de_rol, operador):
    enviar_webhook(client, mensaje())
    assert client.get("/peticiones/mensajes/").status_code == 302
    client.force_login(usuario_de_rol(roles.ENLACE))
    assert client.get("/peticiones/mensajes/").status_code == 403
    client.force_login(operador)
    texto = client.get("/peticiones/mensajes/").content.decode()
    assert "Rosa Chama" in texto and "5212291112233" in texto
    menu = client.get("/").content.decode()
    assert "Mensajes" in menu


def test_responder_sale_por_la_bandeja_de_salida_y_el_backend(client, operador):
    enviar_webhook(client, mensaje())
    conversacion = ConversacionWhatsApp.objects.get()
    client.force_login(operador)
    client.post(f"/peticiones/mensajes/{conversacion.pk}/responder/", {"texto": "Gracias, ¿nos comparte su ubicación?"})
    aviso = Notificacion.objects.get(motivo="respuesta")
    assert aviso.peticion is None and aviso.canal == "whatsapp" and aviso.destinatario == "5212291112233"
    assert notificaciones.enviar_pendientes() == 1
    assert ENVIADOS == [
        {"canal": "whatsapp", "telefono": "5212291112233", "texto": "Gracias, ¿nos comparte su ubicación?"}
    ]
    conversacion.refresh_from_db()
    assert conversacion.estado == "atendida"
    saliente = conversacion.mensajes.get(sentido="saliente")
    assert saliente.enviado_por == operador and saliente.notificacion == aviso
    enviar_webhook(client, mensaje(id_="wamid.nuevo", texto="Ya se la mando"))
    conversacion.refresh_from_db()
    assert conversacion.estado == "pendiente"  # a new message reopens it
    vacia = client.post(f"/peticiones/mensajes/{conversacion.pk}/responder/", {"texto": "  "}, follow=True)
    assert "Escriba la respuesta" in vacia.content.decode()


def test_la_conversacion_se_vuelve_peticion_prellenada_y_ligada(client, operador):
    centro = ColoniaFactory(nombre="Centro", latitud="19.200000", longitud="-96.140000")
    fuga = CategoriaFactory(nombre="Fuga de agua")
    TipoPeticionFactory()
    whatsapp = CanalFactory(clave="whatsapp", nombre="WhatsApp")
    enviar_webhook(client, mensaje())
    enviar_webhook(client, mensaje("location", id_="wamid.2"))
    enviar_webhook(client, mensaje("image", id_="wamid.3"))
    acciones.descargar_pendientes()
    conversacion = ConversacionWhatsApp.objects.get()
    client.force_login(operador)
    pagina = client.get(f"/peticiones/captura/?conversacion={conversacion.pk}").content.decode()
    for dato in ('value="2291112233"', 'value="Rosa"', 'value="Chama"', "Hay una fuga de agua", "Centro (91700)"):
        assert dato in pagina, dato
    assert 'name="conversacion"' in pagina and not Peticion.objects.exists()  # GET never writes
    respuesta = client.post(
        "/peticiones/captura/",
        {
            "clave_idempotencia": "2b9c6a1e-8f5e-4c55-9a37-3d2c1f0e7a11",
            "conversacion": conversacion.pk,
            "telefono": "2291112233",
            "nombre": "Rosa",
            "apellidos": "Chama",
            "acepta_aviso": "on",
            "categoria": fuga.pk,
            "descripcion": "Hay una fuga de agua en mi calle",
            "colonia": "Centro",
            "latitud": "19.200100",
            "longitud": "-96.140100",
            "tipo": TipoPeticionFactory().pk,
            "canal": whatsapp.pk,
        },
    )
    peticion = Peticion.objects.get()
    assert respuesta["Location"] == f"/peticiones/capturada/{peticion.folio}/"
    conversacion.refresh_from_db()
    assert conversacion.peticion == peticion and conversacion.estado == "atendida"
    assert peticion.canal == whatsapp and peticion.colonia == centro
    assert Evidencia.objects.filter(peticion=peticion, tipo_contenido="image/jpeg").count() == 1
    assert peticion.bitacora.filter(tipo=EventoBitacora.Tipo.COMENTARIO, descripcion__contains="WhatsApp").exists()
    acuse = Notificacion.objects.get(peticion=peticion, motivo="recibida")
    assert acuse.canal == "whatsapp"  # the acuse goes back through WhatsApp


def test_el_aviso_de_cierre_sale_por_whatsapp(client, operador, supervisor):
    whatsapp = CanalFactory(clave="whatsapp", nombre="WhatsApp")
    peticion = PeticionFactory(canal=whatsapp, estado=Peticion.Estado.TURNADA)
    transiciones.marcar_atendida(peticion, supervisor, "Se reparó la fuga")
    assert notificaciones.enviar_pendientes() == 1
    assert ENVIADOS[0]["canal"] == "whatsapp" and "Se reparó la fuga" in ENVIADOS[0]["texto"]


def test_ligar_a_un_folio_existente(client, operador):
    previa = PeticionFactory()
    enviar_webhook(client, mensaje())
    conversacion = ConversacionWhatsApp.objects.get()
    client.force_login(operador)
    client.post(f"/peticiones/mensajes/{conversacion.pk}/ligar/", {"folio": previa.folio})
    conversacion.refresh_from_db()
    assert conversacion.peticion == previa
    assert previa.folio in client.get(f"/peticiones/mensajes/{conversacion.pk}/").content.decode()
    malo = client.post(f"/peticiones/mensajes/{conversacion.pk}/ligar/", {"folio": "nada"}, follow=True)
    assert "No encontramos ese folio" in malo.content.decode()


def test_numero_internacional():
    assert numero_internacional("2291112233") == "522291112233"
    assert numero_internacional("5212291112233") == "5212291112233"

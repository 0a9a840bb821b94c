"""The WhatsApp Business Cloud API from SIRC's side: the webhook's signature, downloading a message's media,
and the messaging backend that sends WhatsApp texts from the outbox (settings.SIRC_MENSAJERIA_BACKEND).

Both ends that touch the network are pluggable (settings.WHATSAPP_DESCARGADOR, SIRC_MENSAJERIA_BACKEND), so
tests replace them and nothing reaches the internet.
"""

import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from .notificaciones import BackendRegistro, EnvioImposible, VentanaCerrada
from .telefonos import solo_digitos

logger = logging.getLogger(__name__)
TIEMPO = 20  # seconds for any call to the Graph API


def firma_valida(cuerpo: bytes, cabecera: str) -> bool:
    """X-Hub-Signature-256 is "sha256=" + HMAC-SHA256(app secret, raw body). No secret configured: nothing is valid."""
    secreto = settings.WHATSAPP_APP_SECRET
    if not secreto or not (cabecera or "").startswith("sha256="):
        return False
    esperada = hmac.new(secreto.encode(), cuerpo, hashlib.sha256).hexdigest()
    return hmac.compare_digest(esperada, cabecera.removeprefix("sha256=").strip().lower())


def numero_internacional(telefono: str) -> str:
    """A 10-digit Mexican number as WhatsApp wants it (52 + 10 digits); longer numbers (a wa_id) as they are."""
    digitos = solo_digitos(telefono)
    return f"52{digitos}" if len(digitos) == 10 else digitos


def _graph(url: str, *, datos: dict | None = None) -> urllib.request.Request:
    peticion = urllib.request.Request(url, data=json.dumps(datos).encode() if datos is not None else None)
    peticion.add_header("Authorization", f"Bearer {settings.WHATSAPP_TOKEN}")
    if datos is not None:
        peticion.add_header("Content-Type", "application/json")
    return peticion


# --- media -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Medio:
    contenido: bytes
    tipo: str


class Descargador(Protocol):
    def descargar(self, medio_id: str) -> Medio: ...


class DescargadorGraph:
    """GET /{media-id} gives a short-lived URL; GET that URL (with the same token) gives the bytes."""

    def descargar(self, medio_id: str) -> Medio:
        base = settings.WHATSAPP_API_URL.rstrip("/")
        with urllib.request.urlopen(_graph(f"{base}/{medio_id}"), timeout=TIEMPO) as respuesta:
            datos = json.loads(respuesta.read())
        limite = settings.SIRC_EVIDENCIA_MAX_BYTES
        with urllib.request.urlopen(_graph(datos["url"]), timeout=TIEMPO) as respuesta:
            contenido = respuesta.read(limite + 1)
        if len(contenido) > limite:
            raise ValueError(f"La imagen pasa de {limite // 1_048_576} MB.")
        return Medio(contenido, datos.get("mime_type", ""))


def descargador() -> Descargador:
    return import_string(settings.WHATSAPP_DESCARGADOR)()


# --- sending -----------------------------------------------------------------------------------------------


# Cloud API error codes (https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes) that no
# retry will fix: the notice goes by SMS instead. 131047 (free text after the 24-hour window) is resent as the
# approved template. Anything else (rate limits, 131000, 5xx, network) is retried with the outbox's backoff.
NO_ENTREGABLE = {
    131026: "el número no puede recibir el mensaje (no usa WhatsApp, versión antigua o bloqueó a la empresa)",
    131050: "el ciudadano dejó de recibir mensajes de la empresa",
    131049: "WhatsApp no entregó el mensaje para cuidar la interacción con el ciudadano",
    131021: "el destinatario es el mismo número que envía",
    131030: "el número no está en la lista de destinatarios permitidos (cuenta de prueba)",
    131009: "el número no es válido",
}
VENTANA_CERRADA = 131047


def error_de_whatsapp(datos: object, estado_http: int = 400) -> Exception:
    """The exception for a Cloud API error: `{"error": {"code": …, "message": …}}` from a send, or one item of
    a `statuses[].errors` list from the webhook (`{"code": …, "title": …}`)."""
    error = datos.get("error", datos) if isinstance(datos, dict) else {}
    error = error if isinstance(error, dict) else {}
    try:
        codigo = int(error.get("code"))
    except (TypeError, ValueError):
        codigo = None
    detalle = str(error.get("message") or error.get("title") or f"HTTP {estado_http}")[:300]
    if codigo == VENTANA_CERRADA:
        return VentanaCerrada(f"{codigo}: fuera de la ventana de 24 horas ({detalle})", codigo=codigo)
    if codigo in NO_ENTREGABLE:
        return EnvioImposible(f"{codigo}: {NO_ENTREGABLE[codigo]} ({detalle})", codigo=codigo)
    return ErrorProveedor(f"{codigo or estado_http}: {detalle}")


class ErrorProveedor(Exception):
    """A Cloud API failure worth retrying."""


class BackendWhatsAppCloud:
    """Outbox backend: WhatsApp texts and templates through the Cloud API; SMS (no provider yet) to the log.

    Set SIRC_MENSAJERIA_BACKEND=peticiones.mensajeria.BackendWhatsAppCloud with WHATSAPP_TOKEN and
    WHATSAPP_PHONE_NUMBER_ID. Returns the message id (wamid) so the `statuses` webhook can report a late
    failure; a permanent refusal raises EnvioImposible, anything else raises to be retried. `publicar` is
    the only method that touches the network: tests override it and read the payload built.
    """

    def enviar(self, *, canal: str, telefono: str, texto: str) -> str | None:
        if canal != "whatsapp":
            return BackendRegistro().enviar(canal=canal, telefono=telefono, texto=texto)
        return self._mandar(cuerpo_texto(telefono, texto))

    def enviar_plantilla(self, *, telefono: str, plantilla: str, idioma: str, parametros: list[str]) -> str | None:
        return self._mandar(cuerpo_plantilla(telefono, plantilla, idioma, parametros))

    def _mandar(self, cuerpo: dict) -> str | None:
        url = f"{settings.WHATSAPP_API_URL.rstrip('/')}/{settings.WHATSAPP_PHONE_NUMBER_ID}/messages"
        respuesta = self.publicar(url, cuerpo)
        mensajes = respuesta.get("messages") if isinstance(respuesta, dict) else None
        if isinstance(mensajes, list) and mensajes and isinstance(mensajes[0], dict):
            return str(mensajes[0].get("id") or "") or None
        return None

    def publicar(self, url: str, cuerpo: dict) -> dict:
        try:
            with urllib.request.urlopen(_graph(url, datos=cuerpo), timeout=TIEMPO) as respuesta:
                return json.loads(respuesta.read() or b"{}")
        except urllib.error.HTTPError as fallo:
            try:
                datos = json.loads(fallo.read() or b"{}")
            except ValueError:
                datos = {}
            raise error_de_whatsapp(datos, fallo.code) from fallo


def cuerpo_texto(telefono: str, texto: str) -> dict:
    """A free-form text (only inside the 24-hour window)."""
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": numero_internacional(telefono),
        "type": "text",
        "text": {"preview_url": False, "body": texto[:4096]},
    }


def cuerpo_plantilla(telefono: str, plantilla: str, idioma: str, parametros: list[str]) -> dict:
    """An approved template with its body's text parameters (any time)."""
    cuerpo = {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": numero_internacional(telefono),
        "type": "template",
        "template": {"name": plantilla, "language": {"code": idioma}},
    }
    if parametros:
        cuerpo["template"]["components"] = [
            {"type": "body", "parameters": [{"type": "text", "text": p} for p in parametros]}
        ]
    return cuerpo

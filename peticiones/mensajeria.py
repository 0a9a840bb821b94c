"""The WhatsApp Business Cloud API from SIRC's side: the webhook's signature, downloading a message's media,
and the messaging backend that sends WhatsApp texts from the outbox (settings.SIRC_MENSAJERIA_BACKEND).

Both ends that touch the network are pluggable (settings.WHATSAPP_DESCARGADOR, SIRC_MENSAJERIA_BACKEND), so
tests replace them and nothing reaches the internet.
"""

import hashlib
import hmac
import json
import logging
import urllib.request
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from .notificaciones import BackendRegistro
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


class BackendWhatsAppCloud:
    """Outbox backend: WhatsApp texts through the Cloud API; SMS (no provider yet) to the log, like the default.

    Set SIRC_MENSAJERIA_BACKEND=peticiones.mensajeria.BackendWhatsAppCloud with WHATSAPP_TOKEN and
    WHATSAPP_PHONE_NUMBER_ID. A provider error raises, so the outbox retries with its backoff.
    """

    def enviar(self, *, canal: str, telefono: str, texto: str) -> None:
        if canal != "whatsapp":
            BackendRegistro().enviar(canal=canal, telefono=telefono, texto=texto)
            return
        url = f"{settings.WHATSAPP_API_URL.rstrip('/')}/{settings.WHATSAPP_PHONE_NUMBER_ID}/messages"
        cuerpo = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": numero_internacional(telefono),
            "type": "text",
            "text": {"preview_url": False, "body": texto[:4096]},
        }
        with urllib.request.urlopen(_graph(url, datos=cuerpo), timeout=TIEMPO) as respuesta:
            logger.info("WhatsApp enviado a %s: %s", telefono[-4:], respuesta.read()[:200])

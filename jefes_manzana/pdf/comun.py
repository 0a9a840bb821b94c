"""Shared bits of the padrón's PDFs: colours, verification URL, photos."""

import os

from django.conf import settings
from django.urls import reverse
from reportlab.lib.colors import HexColor

from ..models import JefeManzana

GUINDA = HexColor("#6d1a36")
GRIS = HexColor("#5c6370")


def url_verificacion(jefe: JefeManzana) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("verificar_credencial", args=[jefe.token_verificacion])


def foto_de(jefe: JefeManzana) -> str | None:
    """The photo's file path: reportlab embeds a JPEG from its path as is (about twice as fast as
    decoding it); a missing file must not stop a whole sheet."""
    if not jefe.foto:
        return None
    try:
        ruta = jefe.foto.path
    except (ValueError, NotImplementedError):
        return None
    return ruta if os.path.exists(ruta) else None

"""Shared bits of the padrón's PDFs: colours, verification URL, photos."""

import os

from django.conf import settings
from django.urls import reverse
from reportlab.lib.colors import HexColor

from sirc.imagenes import ImagenInvalida, formato_seguro

from ..models import JefeManzana

GUINDA = HexColor("#6d1a36")
GRIS = HexColor("#5c6370")


def url_verificacion(jefe: JefeManzana) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("verificar_credencial", args=[jefe.token_verificacion])


def foto_de(jefe: JefeManzana) -> str | None:
    """The photo's file path: reportlab embeds a JPEG from its path as is (about twice as fast as
    decoding it); a missing or unacceptable file (not JPEG/PNG/WebP, too many pixels: only its header is
    read) must not stop a whole sheet."""
    if not jefe.foto:
        return None
    try:
        ruta = jefe.foto.path
    except (ValueError, NotImplementedError):
        return None
    if not os.path.exists(ruta):
        return None
    try:  # a photo stored before uploads were re-encoded may be EPS or a bomb: printed without it
        with open(ruta, "rb") as archivo:
            formato_seguro(archivo, ruta)
    except (ImagenInvalida, OSError):
        return None
    return ruta
